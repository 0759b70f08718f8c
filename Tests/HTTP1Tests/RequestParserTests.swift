import XCTest
@testable import HTTP1

final class RequestParserTests: XCTestCase {
    func testSimpleGet() {
        let events = parse(bytes("GET /v1/models?x=1 HTTP/1.1\r\nHost: example.com\r\nAccept: */*\r\n\r\n"))
        XCTAssertEqual(events.count, 2)
        guard case .head(let head) = events[0] else { return XCTFail("\(events)") }
        XCTAssertEqual(head.method, .get)
        XCTAssertEqual(head.target, "/v1/models?x=1")
        XCTAssertEqual(head.version, .http1_1)
        XCTAssertEqual(head.headers.count, 2)
        XCTAssertEqual(head.headers["host"], "example.com")
        XCTAssertEqual(head.headers["ACCEPT"], "*/*")
        XCTAssertTrue(head.keepAlive)
        XCTAssertFalse(head.expectsContinue)
        XCTAssertEqual(head.body, .none)
        XCTAssertEqual(events[1], .end)
    }

    func testHeaderValuesAreTrimmedAndKeepInnerWhitespace() {
        let events = parse(bytes("GET / HTTP/1.1\r\nHost: h\r\nX-A: \t a  b \t\r\nX-Empty:\r\nX-Sp:   \r\n\r\n"))
        let head = heads(events)[0]
        XCTAssertEqual(head.headers["x-a"], "a  b")
        XCTAssertEqual(head.headers["x-empty"], "")
        XCTAssertEqual(head.headers["x-sp"], "")
        XCTAssertEqual(head.headers.name(at: 1), "X-A")
    }

    func testObsTextInValuesIsAccepted() {
        let events = parse(bytes("GET / HTTP/1.1\r\nHost: h\r\nX-Name: Zoë\r\n\r\n"))
        XCTAssertEqual(heads(events).first?.headers["x-name"], "Zoë")
    }

    func testOtherMethodsAndTargets() {
        var events = parse(bytes("OPTIONS * HTTP/1.1\r\nHost: h\r\n\r\n"))
        XCTAssertEqual(heads(events).first?.target, "*")
        events = parse(bytes("GET http://example.com/x HTTP/1.1\r\nHost: example.com\r\n\r\n"))
        XCTAssertEqual(heads(events).first?.target, "http://example.com/x")
        events = parse(bytes("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n"))
        XCTAssertEqual(heads(events).first?.method, .connect)
        events = parse(bytes("M-SEARCH / HTTP/1.1\r\nHost: h\r\n\r\n"))
        XCTAssertEqual(heads(events).first?.method.rawValue, "M-SEARCH")
        events = parse(bytes("POST / HTTP/1.1\r\nHost: h\r\n\r\n"))
        XCTAssertEqual(heads(events).first?.method, .post)
    }

    func testKeepAliveRules() {
        func keepAlive(_ version: String, _ connection: String?) -> Bool? {
            let field = connection.map { "Connection: \($0)\r\n" } ?? ""
            return heads(parse(bytes("GET / \(version)\r\nHost: h\r\n\(field)\r\n"))).first?.keepAlive
        }
        XCTAssertEqual(keepAlive("HTTP/1.1", nil), true)
        XCTAssertEqual(keepAlive("HTTP/1.1", "close"), false)
        XCTAssertEqual(keepAlive("HTTP/1.1", "Keep-Alive, CLOSE"), false)
        XCTAssertEqual(keepAlive("HTTP/1.1", "upgrade"), true)
        XCTAssertEqual(keepAlive("HTTP/1.0", nil), false)
        XCTAssertEqual(keepAlive("HTTP/1.0", "keep-alive"), true)
        XCTAssertEqual(keepAlive("HTTP/1.0", "Keep-Alive"), true)
        XCTAssertEqual(keepAlive("HTTP/1.0", "keep-alive, close"), false)
    }

    func testHTTP10WithoutHost() {
        let events = parse(bytes("GET / HTTP/1.0\r\n\r\n"))
        XCTAssertEqual(heads(events).first?.version, .http1_0)
        XCTAssertEqual(events.last, .end)
    }

    func testExpectContinue() {
        let v11 = heads(parse(bytes("POST / HTTP/1.1\r\nHost: h\r\nExpect: 100-Continue\r\nContent-Length: 3\r\n\r\n")))
        XCTAssertEqual(v11.first?.expectsContinue, true)
        let v10 = heads(parse(bytes("POST / HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n")))
        XCTAssertEqual(v10.first?.expectsContinue, false)
        let other = heads(parse(bytes("POST / HTTP/1.1\r\nHost: h\r\nExpect: something\r\n\r\n")))
        XCTAssertEqual(other.first?.expectsContinue, false)
    }

    func testPipelinedRequestsComeOutInOrder() {
        let input = bytes(
            "GET /a HTTP/1.1\r\nHost: h\r\n\r\n"
                + "POST /b HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello"
                + "POST /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"
                + "GET /d HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n")
        let events = parse(input)
        XCTAssertEqual(heads(events).map(\.target), ["/a", "/b", "/c", "/d"])
        XCTAssertEqual(events.filter { $0 == .end }.count, 4)
        XCTAssertEqual(normalized(events).count, 10)
        XCTAssertEqual(bodyBytes(events), bytes("helloabc"))
        XCTAssertEqual(heads(events).last?.keepAlive, false)
    }

    func testCallerMayStopPullingAfterEnd() {
        var parser = RequestParser()
        let second = "GET /2 HTTP/1.1\r\nHost: h\r\n\r\n"
        parser.feed(bytes("GET /1 HTTP/1.1\r\nHost: h\r\n\r\n" + second))
        guard case .head(let first)? = parser.next() else { return XCTFail() }
        XCTAssertEqual(first.target, "/1")
        XCTAssertEqual(parser.next(), .end)
        XCTAssertEqual(parser.bufferedByteCount, second.utf8.count)
        XCTAssertFalse(parser.isIdle)
        parser.feed(bytes("GET /3 HTTP/1.1\r\nHost: h\r\n\r\n"))
        XCTAssertEqual(heads([parser.next()!]).first?.target, "/2")
        XCTAssertEqual(parser.next(), .end)
        XCTAssertEqual(heads([parser.next()!]).first?.target, "/3")
        XCTAssertEqual(parser.next(), .end)
        XCTAssertNil(parser.next())
        XCTAssertTrue(parser.isIdle)
    }

    func testBufferFullSignal() {
        var parser = RequestParser(limits: ParserLimits(maxBufferedBytes: 64))
        parser.feed(bytes("GET / HTTP/1.1\r\nHost: h\r\n\r\n"))
        XCTAssertTrue(parser.isBufferFull == false)
        parser.feed([UInt8](repeating: 0x41, count: 40))
        XCTAssertTrue(parser.isBufferFull)
    }

    func testLeadingEmptyLinesAreSkipped() {
        let events = parse(bytes("\r\n\r\nGET / HTTP/1.1\r\nHost: h\r\n\r\n"))
        XCTAssertEqual(heads(events).count, 1)
        assertRejected(String(repeating: "\r\n", count: 5) + "GET / HTTP/1.1\r\nHost: h\r\n\r\n",
                       status: 400, code: .tooManyEmptyLines)
    }

    func testParserIsDeadAfterError() {
        var parser = RequestParser()
        parser.feed(bytes("GET / HTTP/1.1\r\nBad Header: x\r\n\r\n"))
        guard case .error? = parser.next() else { return XCTFail() }
        XCTAssertTrue(parser.hasFailed)
        XCTAssertNil(parser.next())
        parser.feed(bytes("GET / HTTP/1.1\r\nHost: h\r\n\r\n"))
        XCTAssertNil(parser.next())
        XCTAssertEqual(parser.bufferedByteCount, 0)
    }

    func testIncompleteInputNeedsMore() {
        var parser = RequestParser()
        parser.feed(bytes("GET / HTTP/1.1\r\nHost: h\r\n"))
        XCTAssertNil(parser.next())
        XCTAssertFalse(parser.isIdle)
        parser.feed(bytes("\r"))
        XCTAssertNil(parser.next())
        parser.feed(bytes("\n"))
        XCTAssertEqual(heads([parser.next()!]).count, 1)
    }

    func testManyHeadersWithinLimit() {
        var request = "GET / HTTP/1.1\r\nHost: h\r\n"
        for i in 1..<100 { request += "X-Header-\(i): value \(i)\r\n" }
        let head = heads(parse(bytes(request + "\r\n")))[0]
        XCTAssertEqual(head.headers.count, 100)
        XCTAssertEqual(head.headers["x-header-99"], "value 99")
        XCTAssertEqual(head.headers.values(name: "x-header-5"), ["value 5"])
    }

    func testHugeHeaderWithinLimit() {
        let value = String(repeating: "a", count: 30_000)
        let head = heads(parse(bytes("GET / HTTP/1.1\r\nHost: h\r\nX-Big: \(value)\r\n\r\n")))
        XCTAssertEqual(head.first?.headers["x-big"]?.count, 30_000)
    }

    func testRequestLineAtExactLimit() {
        let limits = ParserLimits(maxRequestLineBytes: 64)
        let target = "/" + String(repeating: "a", count: 64 - "GET  HTTP/1.1".utf8.count - 1)
        let line = "GET \(target) HTTP/1.1"
        XCTAssertEqual(line.utf8.count, 64)
        XCTAssertEqual(heads(parse(bytes(line + "\r\nHost: h\r\n\r\n"), limits: limits)).count, 1)
        assertRejected("GET \(target)a HTTP/1.1\r\nHost: h\r\n\r\n", status: 414, code: .requestLineTooLong,
                       limits: limits)
    }

    func testHeaderSectionAtExactLimit() {
        let fields = "Host: h\r\nX: 12345\r\n\r\n"
        let limits = ParserLimits(maxHeaderBytes: fields.utf8.count)
        XCTAssertEqual(heads(parse(bytes("GET / HTTP/1.1\r\n" + fields), limits: limits)).count, 1)
        assertRejected("GET / HTTP/1.1\r\nHost: h\r\nX: 123456\r\n\r\n", status: 431, code: .headersTooLarge,
                       limits: limits)
    }
}
