import XCTest
@testable import HTTP1

/// Request/response sequences on one connection: keep-alive, close, errors, pipelining.
final class ServerConnectionStateTests: XCTestCase {
    typealias Action = ServerConnectionState.Action

    static let get = "GET /a HTTP/1.1\r\nHost: h\r\n\r\n"
    static let getB = "GET /b HTTP/1.1\r\nHost: h\r\n\r\n"

    func started(_ configuration: ServerConnectionConfiguration = .init()) -> ServerConnectionState {
        var connection = ServerConnectionState(configuration: configuration)
        connection.start()
        XCTAssertEqual(connection.drain(), [.startReading, .armTimer(.idle, milliseconds: 60_000)])
        return connection
    }

    func head(_ text: String) -> RequestHead { heads(parse(bytes(text)))[0] }

    func testKeepAliveRequestsOneAfterAnother() {
        var connection = started()
        connection.bytesRead(bytes(Self.get))
        XCTAssertEqual(connection.drain(), [.cancelTimer, .deliverHead(head(Self.get)), .deliverEnd])
        connection.responseStarted()
        XCTAssertEqual(connection.drain(), [])
        connection.responseFinished()
        XCTAssertEqual(connection.drain(), [.armTimer(.idle, milliseconds: 60_000)])
        connection.bytesRead(bytes(Self.getB))
        XCTAssertEqual(connection.drain(), [.cancelTimer, .deliverHead(head(Self.getB)), .deliverEnd])
        connection.responseFinished()
        XCTAssertEqual(connection.drain(), [.armTimer(.idle, milliseconds: 60_000)])
        XCTAssertFalse(connection.isClosed)
    }

    func testConnectionCloseClosesAfterResponse() {
        for text in ["GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n", "GET / HTTP/1.0\r\n\r\n"] {
            var connection = started()
            connection.bytesRead(bytes(text))
            XCTAssertEqual(connection.drain(), [.cancelTimer, .deliverHead(head(text)), .deliverEnd])
            connection.responseFinished()
            XCTAssertEqual(connection.drain(), [.close])
            XCTAssertTrue(connection.isClosed)
            connection.bytesRead(bytes(Self.get))
            XCTAssertEqual(connection.drain(), [])
        }
    }

    func testHTTP10KeepAliveStaysOpen() {
        let text = "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"
        var connection = started()
        connection.bytesRead(bytes(text))
        _ = connection.drain()
        connection.responseFinished()
        XCTAssertEqual(connection.drain(), [.armTimer(.idle, milliseconds: 60_000)])
    }

    func testApplicationMayAskToClose() {
        var connection = started()
        connection.bytesRead(bytes(Self.get))
        _ = connection.drain()
        connection.responseFinished(closeConnection: true)
        XCTAssertEqual(connection.drain(), [.close])
    }

    func testMalformedRequestIsAnsweredThenClosed() {
        var connection = started()
        connection.bytesRead(bytes("GET / HTTP/1.1\r\nHost : h\r\n\r\n"))
        let error = ParseError.badRequest(.whitespaceBeforeColon, "whitespace between field name and colon")
        XCTAssertEqual(connection.drain(), [.write(error.responseBytes), .cancelTimer, .close])
        XCTAssertTrue(connection.isClosed)
    }

    func testPipelinedRequestsWaitForTheResponse() {
        var connection = started()
        connection.bytesRead(bytes(Self.get + Self.getB + "GET /c HT"))
        XCTAssertEqual(connection.drain(), [.cancelTimer, .deliverHead(head(Self.get)), .deliverEnd])
        connection.bytesRead(bytes("TP/1.1\r\nHost: h\r\n\r\n"))
        XCTAssertEqual(connection.drain(), [], "nothing is delivered while a request is in flight")
        connection.responseFinished()
        XCTAssertEqual(connection.drain(), [.deliverHead(head(Self.getB)), .deliverEnd])
        connection.responseFinished()
        XCTAssertEqual(connection.drain(), [.deliverHead(head("GET /c HTTP/1.1\r\nHost: h\r\n\r\n")), .deliverEnd])
        connection.responseFinished()
        XCTAssertEqual(connection.drain(), [.armTimer(.idle, milliseconds: 60_000)])
    }

    func testPipelinedErrorIsAnsweredInOrder() {
        var connection = started()
        connection.bytesRead(bytes(Self.get + "BAD\r\n\r\n"))
        XCTAssertEqual(connection.drain(), [.cancelTimer, .deliverHead(head(Self.get)), .deliverEnd])
        connection.responseFinished()
        let actions = connection.drain()
        XCTAssertEqual(actions.count, 2)
        XCTAssertEqual(actions.last, .close)
        guard case .write(let response) = actions.first else { return XCTFail("\(actions)") }
        XCTAssertTrue(String(decoding: response, as: UTF8.self).hasPrefix("HTTP/1.1 400 Bad Request\r\n"))
    }

    func testBodyIsStreamedAsItArrives() {
        let text = "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 6\r\n\r\n"
        var connection = started()
        connection.bytesRead(bytes(text + "abc"))
        XCTAssertEqual(connection.drain(), [.cancelTimer, .deliverHead(head(text)), .deliverBody(bytes("abc"))])
        connection.bytesRead(bytes("de"))
        XCTAssertEqual(connection.drain(), [.deliverBody(bytes("de"))])
        connection.bytesRead(bytes("f" + Self.get))
        XCTAssertEqual(connection.drain(), [.deliverBody(bytes("f")), .deliverEnd])
        connection.responseFinished()
        XCTAssertEqual(connection.drain(), [.deliverHead(head(Self.get)), .deliverEnd])
    }

    func testBodyErrorBeforeResponseIsAnswered() {
        let text = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
        var connection = started()
        connection.bytesRead(bytes(text + "2\r\nab\r\nzz\r\n"))
        let error = ParseError.badRequest(.invalidChunkSize, "malformed chunk size")
        XCTAssertEqual(connection.drain(), [
            .cancelTimer, .deliverHead(head(text)), .deliverBody(bytes("ab")),
            .abortRequest(error), .write(error.responseBytes), .close,
        ])
    }

    func testBodyErrorAfterResponseStartedOnlyCloses() {
        let text = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
        var connection = started()
        connection.bytesRead(bytes(text))
        _ = connection.drain()
        connection.responseStarted()
        connection.bytesRead(bytes("zz\r\n"))
        XCTAssertEqual(connection.drain(), [.abortRequest(.badRequest(.invalidChunkSize, "malformed chunk size")), .close])
    }

    func testResponseBeforeBodyCompleteCloses() {
        let text = "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 100\r\n\r\n"
        var connection = started()
        connection.bytesRead(bytes(text + "partial"))
        _ = connection.drain()
        connection.responseStarted()
        connection.responseFinished()
        XCTAssertEqual(connection.drain(), [.close])
    }

    func testExpectContinueOnRequest() {
        let text = "POST / HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n"
        var connection = started()
        connection.bytesRead(bytes(text))
        XCTAssertEqual(connection.drain(), [.cancelTimer, .deliverHead(head(text))])
        connection.requestBodyWanted()
        XCTAssertEqual(connection.drain(), [.write(ResponseHead.continueBytes)])
        connection.requestBodyWanted()
        XCTAssertEqual(connection.drain(), [])
        connection.bytesRead(bytes("ok"))
        XCTAssertEqual(connection.drain(), [.deliverBody(bytes("ok")), .deliverEnd])
    }

    func testExpectContinueAutomatic() {
        let text = "POST / HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n"
        var connection = started(ServerConnectionConfiguration(sendsContinueAutomatically: true))
        connection.bytesRead(bytes(text))
        XCTAssertEqual(connection.drain(), [.cancelTimer, .deliverHead(head(text)), .write(ResponseHead.continueBytes)])
    }

    func testNoContinueOnceTheResponseStarted() {
        let text = "POST / HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n"
        var connection = started()
        connection.bytesRead(bytes(text))
        _ = connection.drain()
        connection.responseStarted()
        connection.requestBodyWanted()
        XCTAssertEqual(connection.drain(), [])
        connection.responseFinished()
        XCTAssertEqual(connection.drain(), [.close], "the unread body makes the connection unusable")
    }

    func testReadingStopsWhilePipelinedBytesPileUp() {
        let limits = ParserLimits(maxBufferedBytes: 100)
        var connection = started(ServerConnectionConfiguration(parserLimits: limits))
        connection.bytesRead(bytes(Self.get))
        _ = connection.drain()
        connection.bytesRead(bytes(String(repeating: Self.getB, count: 3)))
        XCTAssertEqual(connection.drain(), [], "84 bytes buffered: under the limit")
        connection.bytesRead(bytes(Self.getB))
        XCTAssertEqual(connection.drain(), [.stopReading])
        connection.responseFinished()
        XCTAssertEqual(connection.drain(), [.deliverHead(head(Self.getB)), .deliverEnd, .startReading])
    }

    func testEndOfInput() {
        var idle = started()
        idle.endOfInput()
        XCTAssertEqual(idle.drain(), [.cancelTimer, .close])

        var midBody = started()
        midBody.bytesRead(bytes("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nab"))
        _ = midBody.drain()
        midBody.endOfInput()
        XCTAssertEqual(midBody.drain(), [.abortRequest(.unexpectedEndOfInput), .close])

        // A client that half-closes after pipelining still gets every answer.
        var halfClosed = started()
        halfClosed.bytesRead(bytes(Self.get + Self.getB + "GET /partial"))
        _ = halfClosed.drain()
        halfClosed.endOfInput()
        XCTAssertEqual(halfClosed.drain(), [])
        halfClosed.responseFinished()
        XCTAssertEqual(halfClosed.drain(), [.deliverHead(head(Self.getB)), .deliverEnd])
        halfClosed.responseFinished()
        XCTAssertEqual(halfClosed.drain(), [.close])
    }

    func testConnectionClosedAbortsTheRequestInFlight() {
        var connection = started()
        connection.bytesRead(bytes(Self.get))
        _ = connection.drain()
        connection.connectionClosed()
        XCTAssertEqual(connection.drain(), [.abortRequest(nil)])
        connection.responseFinished()
        connection.timerFired(.idle)
        XCTAssertEqual(connection.drain(), [])
        XCTAssertTrue(connection.isClosed)
    }
}
