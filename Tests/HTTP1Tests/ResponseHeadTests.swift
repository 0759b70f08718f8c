import XCTest
@testable import HTTP1

final class ResponseHeadTests: XCTestCase {
    private func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    func testContentLengthResponse() {
        let head = ResponseHead(status: .ok, headers: ["Content-Type": "application/json"])
        XCTAssertEqual(text(head.encoded(framing: .contentLength(42), keepAlive: true)),
                       "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 42\r\n\r\n")
    }

    func testChunkedAndClose() {
        let head = ResponseHead(status: 201)
        XCTAssertEqual(text(head.encoded(framing: .chunked, keepAlive: false)),
                       "HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
    }

    func testHTTP10KeepAliveAndChunkedDowngrade() {
        let head = ResponseHead(status: .ok)
        XCTAssertEqual(text(head.encoded(framing: .contentLength(0), keepAlive: true, requestVersion: .http1_0)),
                       "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: keep-alive\r\n\r\n")
        var bytes: [UInt8] = []
        let framing = head.encode(framing: .chunked, keepAlive: true, requestVersion: .http1_0, into: &bytes)
        XCTAssertEqual(framing, .closeDelimited)
        XCTAssertEqual(text(bytes), "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n")
    }

    func testNoBodyFraming() {
        XCTAssertEqual(text(ResponseHead(status: 204).encoded(framing: .noBody, keepAlive: true)),
                       "HTTP/1.1 204 No Content\r\n\r\n")
    }

    func testFramingFieldsFromTheApplicationAreReplaced() {
        let head = ResponseHead(status: .ok, headers: [
            "content-length": "999", "Transfer-Encoding": "gzip", "Connection": "upgrade", "X": "y",
        ])
        XCTAssertEqual(text(head.encoded(framing: .contentLength(2), keepAlive: true)),
                       "HTTP/1.1 200 OK\r\nX: y\r\nContent-Length: 2\r\n\r\n")
    }

    func testInjectionIsImpossible() {
        var headers = Headers()
        headers.append(name: "X-Evil", value: "a\r\nSet-Cookie: pwned\r\n\r\nHTTP/1.1 200 OK")
        headers.append(name: "X-Nul", value: "a\u{0}b\u{7F}c\td")
        headers.append(name: "Bad Name", value: "dropped")
        headers.append(name: "Bad\r\nName", value: "dropped")
        headers.append(name: "", value: "dropped")
        let encoded = text(ResponseHead(status: .ok, headers: headers).encoded(framing: .contentLength(0), keepAlive: true))
        XCTAssertEqual(encoded,
                       "HTTP/1.1 200 OK\r\nX-Evil: a  Set-Cookie: pwned    HTTP/1.1 200 OK\r\nX-Nul: a b c\td\r\n"
                           + "Content-Length: 0\r\n\r\n")
        let reparsed = parse(bytes("GET / HTTP/1.1\r\nHost: h\r\n" + encoded.split(separator: "\r\n", maxSplits: 1)[1]))
        XCTAssertEqual(heads(reparsed).first?.headers.count, 4)
    }

    func testReasonPhrases() {
        let expected: [Int: String] = [
            200: "OK", 408: "Request Timeout", 413: "Content Too Large", 414: "URI Too Long",
            429: "Too Many Requests", 431: "Request Header Fields Too Large", 499: "Client Closed Request",
            502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout", 529: "Site Overloaded",
            799: "Unknown",
        ]
        for (code, phrase) in expected {
            XCTAssertEqual(HTTPStatus(code).reasonPhrase, phrase)
            XCTAssertTrue(text(ResponseHead(status: HTTPStatus(code)).encoded(framing: .noBody, keepAlive: true))
                .hasPrefix("HTTP/1.1 \(code) \(phrase)\r\n"))
        }
        XCTAssertTrue(text(ResponseHead(status: 42).encoded(framing: .noBody, keepAlive: true)).hasPrefix("HTTP/1.1 500 "))
    }

    func testDecimalAndHexEncoding() {
        for value in [0, 1, 9, 10, 99, 100, 12345, Int.max] {
            var decimal: [UInt8] = [], hex: [UInt8] = []
            decimal.appendDecimal(value)
            ChunkedEncoder.appendChunkHeader(count: value, to: &hex)
            XCTAssertEqual(text(decimal), String(value))
            XCTAssertEqual(text(hex), String(value, radix: 16) + "\r\n")
        }
    }

    func testErrorResponse() {
        let error = ParseError(status: .requestHeaderFieldsTooLarge, code: .headersTooLarge, message: "too big")
        XCTAssertEqual(text(error.responseBytes),
                       "HTTP/1.1 431 Request Header Fields Too Large\r\nContent-Type: text/plain; charset=utf-8\r\n"
                           + "Content-Length: 8\r\nConnection: close\r\n\r\ntoo big\n")
    }

    func testContinueBytes() {
        XCTAssertEqual(text(ResponseHead.continueBytes), "HTTP/1.1 100 Continue\r\n\r\n")
    }
}
