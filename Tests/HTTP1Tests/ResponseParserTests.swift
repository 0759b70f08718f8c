import XCTest
@testable import HTTP1

/// Valid responses: framing, bodies, interim heads, keep-alive and the `next` contract.
final class ResponseParserTests: XCTestCase {
    func testContentLengthBodyIsARangeOfTheCallersBuffer() {
        let head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 5\r\n\r\n"
        let input = bytes(head + "hello")
        var parser = ResponseParser()
        var events: [ResponseParser.Event] = []
        var offset = 0
        input.withUnsafeBytes { buffer in
            while let event = parser.next(buffer, offset: &offset) { events.append(event) }
        }
        let block = "Content-Type: application/json\r\nContent-Length: 5\r\n"
        XCTAssertEqual(events, [.head(info(200, block, .length(5), keepAlive: true)),
                                .body(head.utf8.count..<input.count), .end])
        XCTAssertEqual(offset, input.count)
        XCTAssertTrue(parser.hasStarted)
    }

    func testContentLengthAcrossReads() {
        let run = parseResponse("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n0123456789", ResponseFeed(splits: [30, 42, 45]))
        XCTAssertEqual(run.events.filter { if case .body = $0 { true } else { false } }.count, 3)
        XCTAssertEqual(run.body, bytes("0123456789"))
        XCTAssertEqual(run.events.last, .end)
    }

    func testRepeatedEqualContentLengthsAreOneValue() {
        for fields in ["Content-Length: 3, 3\r\n", "Content-Length: 3\r\ncontent-length:3 \r\n", "CONTENT-LENGTH: 003\r\n"] {
            let run = parseResponse("HTTP/1.1 200 OK\r\n\(fields)\r\nabc")
            XCTAssertEqual(run.heads.first?.framing, .length(3), fields)
            XCTAssertEqual(run.body, bytes("abc"), fields)
        }
    }

    func testContentLengthZeroEndsRightAfterTheHead() {
        let run = parseResponse("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
        XCTAssertEqual(run.events, [.head(info(200, "Content-Length: 0\r\n", .length(0), keepAlive: true)), .end])
    }

    func testChunkedBodyKeepsChunkBoundariesAndSkipsExtensionsAndTrailers() {
        let run = parseResponse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "3;name=value\r\nabc\r\n0A ; x=\"y\"\r\n0123456789\r\n0;last\r\nX-Trailer: t\r\nY: u\r\n\r\n")
        XCTAssertEqual(run.events, [
            .head(info(200, "Transfer-Encoding: chunked\r\n", .chunked, keepAlive: true)),
            .body(bytes("abc")), .body(bytes("0123456789")), .end,
        ])
        XCTAssertEqual(run.leftover, 0)
    }

    func testChunkedWithBareLineFeedsAndWhitespace() {
        let run = parseResponse("HTTP/1.1 200 OK\nTransfer-Encoding: chunked\n\n  3 \t;ext\nabc\n4\t\r\ndefg\r\n000\nT: 1\n\n")
        XCTAssertEqual(run.events, [
            .head(info(200, "Transfer-Encoding: chunked\r\n", .chunked, keepAlive: true)),
            .body(bytes("abc")), .body(bytes("defg")), .end,
        ])
    }

    func testTransferEncodingDecidesFramingByItsLastCoding() {
        func framing(_ fields: String) -> ResponseHeadInfo? { parseResponse("HTTP/1.1 200 OK\r\n\(fields)\r\n").heads.first }
        XCTAssertEqual(framing("Transfer-Encoding: gzip, Chunked\r\n")?.framing, .chunked)
        XCTAssertEqual(framing("Transfer-Encoding: gzip\r\nTransfer-Encoding: chunked,\r\n")?.framing, .chunked)
        XCTAssertEqual(framing("Transfer-Encoding: chunked, gzip\r\n")?.framing, .untilClose)
        XCTAssertEqual(framing("Transfer-Encoding: chunked, gzip\r\n")?.keepAlive, false)
        XCTAssertEqual(framing("Transfer-Encoding:\r\nContent-Length: 3\r\n")?.framing, .untilClose)
        // Content-Length is ignored beside chunked, even when malformed, and the connection closes.
        XCTAssertEqual(framing("Content-Length: 3\r\nTransfer-Encoding: chunked\r\n"),
                       info(200, "Content-Length: 3\r\nTransfer-Encoding: chunked\r\n", .chunked, keepAlive: false))
        XCTAssertEqual(framing("Transfer-Encoding: chunked\r\nContent-Length: x\r\n")?.framing, .chunked)
    }

    func testUntilCloseBodyEndsAtEof() {
        let run = parseResponse("HTTP/1.1 200 OK\r\nX: y\r\n\r\nsome body", ResponseFeed(splits: [27, 30], eof: true))
        XCTAssertEqual(run.normalized, [.head(info(200, "X: y\r\n", .untilClose, keepAlive: false)),
                                        .body(bytes("some body")), .end])
        let http10 = parseResponse("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\n\r\n", ResponseFeed(eof: true))
        XCTAssertEqual(http10.events, [.head(info(200, "Connection: keep-alive\r\n", .untilClose, keepAlive: false)), .end])
    }

    func testNoBodyForHeadRequests204And304() {
        let head = parseResponse("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n", ResponseFeed(headRequest: true))
        XCTAssertEqual(head.events, [.head(info(200, "Content-Length: 100\r\n", .none, keepAlive: true)), .end])
        let chunked = parseResponse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n", ResponseFeed(headRequest: true))
        XCTAssertEqual(chunked.heads.first?.framing, ResponseHeadInfo.Framing.none)
        XCTAssertEqual(chunked.events.last, .end)
        for status in ["204 No Content", "304 Not Modified"] {
            let run = parseResponse("HTTP/1.1 \(status)\r\nContent-Length: 12\r\n\r\nnot-the-body")
            XCTAssertEqual(run.heads.first?.framing, ResponseHeadInfo.Framing.none, status)
            XCTAssertEqual(run.events.last, .end, status)
            XCTAssertEqual(run.leftover, 12, status)
        }
    }

    func testInterimResponsesAreSkipped() {
        let run = parseResponse("HTTP/1.1 100 Continue\r\n\r\n"
            + "HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\nLink: </a.js>\r\n\r\n"
            + "HTTP/1.1 102 Processing\n\n"
            + "HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok")
        XCTAssertEqual(run.events, [.head(info(201, "Content-Length: 2\r\n", .length(2), keepAlive: true)),
                                    .body(bytes("ok")), .end])
        let waiting = parseResponse("HTTP/1.1 100 Continue\r\n\r\n", ResponseFeed(eof: true))
        XCTAssertEqual(waiting.events, [.error(.truncated)])
    }

    func testKeepAliveRules() {
        func keepAlive(_ version: String, _ fields: String) -> Bool? {
            parseResponse("\(version) 200 OK\r\n\(fields)Content-Length: 0\r\n\r\n").heads.first?.keepAlive
        }
        XCTAssertEqual(keepAlive("HTTP/1.1", ""), true)
        XCTAssertEqual(keepAlive("HTTP/1.1", "Connection: close\r\n"), false)
        XCTAssertEqual(keepAlive("HTTP/1.1", "Connection: Upgrade, CLOSE\r\n"), false)
        XCTAssertEqual(keepAlive("HTTP/1.1", "Connection: upgrade\r\n"), true)
        XCTAssertEqual(keepAlive("HTTP/1.0", ""), false)
        XCTAssertEqual(keepAlive("HTTP/1.0", "Connection: Keep-Alive\r\n"), true)
        XCTAssertEqual(keepAlive("HTTP/1.0", "connection: keep-alive\r\nConnection: close\r\n"), false)
        let chunked10 = parseResponse("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nTransfer-Encoding: chunked\r\n\r\n")
        XCTAssertEqual(chunked10.heads.first?.keepAlive, false)
    }

    func testStatusLineForms() {
        XCTAssertEqual(parseResponse("HTTP/1.1 200\r\nContent-Length: 0\r\n\r\n").heads.first?.status, 200)
        XCTAssertEqual(parseResponse("HTTP/1.1 404 \r\nContent-Length: 0\r\n\r\n").heads.first?.status, 404)
        XCTAssertEqual(parseResponse("HTTP/1.0 599 Odd Reason Zoë\r\n\r\n").heads.first?.status, 599)
        XCTAssertEqual(parseResponse("HTTP/1.1 503 Service Unavailable\r\n\r\n").heads.first?.headerBlock, [])
    }

    func testHeaderBlockIsTheReceivedLinesWithBareLineFeedsGivenCR() {
        let run = parseResponse("HTTP/1.1 200 OK\r\nA: 1 \r\nB:\t2\nC:\r\nD: x\r\n\n")
        XCTAssertEqual(run.heads.first?.headerBlock, bytes("A: 1 \r\nB:\t2\r\nC:\r\nD: x\r\n"))
    }

    func testPipelinedResponsesOnOneBufferWithResetBetween() {
        let input = "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc"
            + "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nde\r\n0\r\n\r\n"
            + "HTTP/1.1 204 No Content\r\n\r\n"
        let run = parseResponse(input, ResponseFeed(pipelined: true))
        XCTAssertEqual(run.events, [
            .head(info(200, "Content-Length: 3\r\n", .length(3), keepAlive: true)), .body(bytes("abc")), .end,
            .head(info(200, "Transfer-Encoding: chunked\r\n", .chunked, keepAlive: true)), .body(bytes("de")), .end,
            .head(info(204, "", .none, keepAlive: true)), .end,
        ])
        XCTAssertEqual(run.leftover, 0)
    }

    func testBytesAfterTheEndAreNotConsumedUntilReset() {
        let second = "HTTP/1.1 204 No Content\r\n\r\n"
        let input = bytes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok" + second)
        var parser = ResponseParser()
        var offset = 0
        var events: [ResponseParser.Event] = []
        input.withUnsafeBytes { buffer in
            while let event = parser.next(buffer, offset: &offset) { events.append(event) }
            XCTAssertNil(parser.next(buffer, offset: &offset))
        }
        XCTAssertEqual(events.last, .end)
        XCTAssertEqual(offset, input.count - second.utf8.count)
        XCTAssertNil(parser.eof())

        parser.reset()
        XCTAssertFalse(parser.hasStarted)
        input.withUnsafeBytes { buffer in
            XCTAssertEqual(parser.next(buffer, offset: &offset), .head(info(204, "", .none, keepAlive: true)))
            XCTAssertEqual(parser.next(buffer, offset: &offset), .end)
        }
        XCTAssertEqual(offset, input.count)
    }

    func testResetReusesTheParserForAHeadRequest() {
        var parser = ResponseParser()
        var offset = 0
        bytes("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\n").withUnsafeBytes { buffer in
            parser.reset(requestMethodIsHead: true)
            XCTAssertEqual(parser.next(buffer, offset: &offset), .head(info(200, "Content-Length: 4\r\n", .none, keepAlive: true)))
            XCTAssertEqual(parser.next(buffer, offset: &offset), .end)
            offset = 0
            parser.reset()
            XCTAssertEqual(parser.next(buffer, offset: &offset), .head(info(200, "Content-Length: 4\r\n", .length(4), keepAlive: true)))
            XCTAssertNil(parser.next(buffer, offset: &offset))
        }
        XCTAssertEqual(parser.eof(), .error(.truncated))
    }
}
