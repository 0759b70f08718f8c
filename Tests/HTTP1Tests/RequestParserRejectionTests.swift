import XCTest
@testable import HTTP1

/// Every way a head is rejected, with its status and code.
final class RequestParserRejectionTests: XCTestCase {
    func testMalformedRequestLine() {
        assertRejected("GET\r\n\r\n", status: 400, code: .invalidMethod)
        assertRejected(" GET / HTTP/1.1\r\nHost: h\r\n\r\n", status: 400, code: .invalidMethod)
        assertRejected("G(T / HTTP/1.1\r\nHost: h\r\n\r\n", status: 400, code: .invalidMethod)
        assertRejected("GET  / HTTP/1.1\r\nHost: h\r\n\r\n", status: 400, code: .invalidTarget)
        assertRejected("GET /\tx HTTP/1.1\r\nHost: h\r\n\r\n", status: 400, code: .invalidTarget)
        assertRejected("GET /é HTTP/1.1\r\nHost: h\r\n\r\n", status: 400, code: .invalidTarget)
        assertRejected("GET / HTTP/1.1 \r\nHost: h\r\n\r\n", status: 400, code: .invalidVersion)
        assertRejected("GET /\r\nHost: h\r\n\r\n", status: 400, code: .invalidTarget)
        assertRejected("GET / http/1.1\r\nHost: h\r\n\r\n", status: 400, code: .invalidVersion)
        assertRejected("GET / HTTP/1.10\r\nHost: h\r\n\r\n", status: 400, code: .invalidVersion)
        assertRejected("GET / HTTP/11\r\nHost: h\r\n\r\n", status: 400, code: .invalidVersion)
        assertRejected("GET / HTTP/2.0\r\nHost: h\r\n\r\n", status: 505, code: .unsupportedVersion)
        assertRejected("GET / HTTP/1.2\r\nHost: h\r\n\r\n", status: 505, code: .unsupportedVersion)
        assertRejected("GET / HTTP/0.9\r\nHost: h\r\n\r\n", status: 505, code: .unsupportedVersion)
    }

    func testTargetForms() {
        assertRejected("GET * HTTP/1.1\r\nHost: h\r\n\r\n", status: 400, code: .invalidTarget)
        assertRejected("OPTIONS *x HTTP/1.1\r\nHost: h\r\n\r\n", status: 400, code: .invalidTarget)
        assertRejected("GET example.com HTTP/1.1\r\nHost: h\r\n\r\n", status: 400, code: .invalidTarget)
        assertRejected("GET ?x HTTP/1.1\r\nHost: h\r\n\r\n", status: 400, code: .invalidTarget)
    }

    func testRequestLineTooLong() {
        let target = "/" + String(repeating: "a", count: 9000)
        assertRejected("GET \(target) HTTP/1.1\r\nHost: h\r\n\r\n", status: 414, code: .requestLineTooLong)
        // Detected before the line ends, so an endless line cannot grow the buffer.
        assertRejected("GET \(target)", status: 414, code: .requestLineTooLong)
    }

    func testBareLineEnds() {
        assertRejected("GET / HTTP/1.1\nHost: h\r\n\r\n", status: 400, code: .bareLineFeed)
        assertRejected("GET / HTTP/1.1\r\nHost: h\n\r\n", status: 400, code: .bareLineFeed)
        assertRejected("GET / HTTP/1.1\r\nHost: h\r\n\n", status: 400, code: .bareLineFeed)
        assertRejected("\nGET / HTTP/1.1\r\nHost: h\r\n\r\n", status: 400, code: .bareLineFeed)
        assertRejected("GET / HTTP/1.1\r\nHost: h\rX: y\r\n\r\n", status: 400, code: .invalidHeaderValue)
        assertRejected("GET / HTTP/1.1\r\r\nHost: h\r\n\r\n", status: 400, code: .invalidVersion)
    }

    func testObsFoldAndWhitespace() {
        assertRejected("GET / HTTP/1.1\r\nHost: h\r\nX: a\r\n b\r\n\r\n", status: 400, code: .obsoleteLineFolding)
        assertRejected("GET / HTTP/1.1\r\nHost: h\r\nX: a\r\n\tb\r\n\r\n", status: 400, code: .obsoleteLineFolding)
        assertRejected("GET / HTTP/1.1\r\n Host: h\r\n\r\n", status: 400, code: .obsoleteLineFolding)
        assertRejected("GET / HTTP/1.1\r\nHost : h\r\n\r\n", status: 400, code: .whitespaceBeforeColon)
        assertRejected("GET / HTTP/1.1\r\nHost\t: h\r\n\r\n", status: 400, code: .whitespaceBeforeColon)
    }

    func testInvalidHeaderNames() {
        assertRejected("GET / HTTP/1.1\r\nHost: h\r\n: x\r\n\r\n", status: 400, code: .invalidHeaderName)
        assertRejected("GET / HTTP/1.1\r\nHost: h\r\nNoColon\r\n\r\n", status: 400, code: .invalidHeaderName)
        assertRejected("GET / HTTP/1.1\r\nHost: h\r\nX(y): z\r\n\r\n", status: 400, code: .invalidHeaderName)
        assertRejected("GET / HTTP/1.1\r\nHost: h\r\nX\u{0}: z\r\n\r\n", status: 400, code: .invalidHeaderName)
        assertRejected("GET / HTTP/1.1\r\nHost: h\r\nNäme: z\r\n\r\n", status: 400, code: .invalidHeaderName)
    }

    func testInvalidHeaderValues() {
        assertRejected("GET / HTTP/1.1\r\nHost: h\r\nX: a\u{0}b\r\n\r\n", status: 400, code: .invalidHeaderValue)
        assertRejected("GET / HTTP/1.1\r\nHost: h\r\nX: a\rb\r\n\r\n", status: 400, code: .invalidHeaderValue)
        assertRejected("GET / HTTP/1.1\r\nHost: h\r\nX: a\u{7F}\r\n\r\n", status: 400, code: .invalidHeaderValue)
        assertRejected("GET / HTTP/1.1\r\nHost: h\r\nX: a\u{1B}\r\n\r\n", status: 400, code: .invalidHeaderValue)
        // An LF inside a value ends the line early without its CR.
        assertRejected("GET / HTTP/1.1\r\nHost: h\r\nX: a\nb\r\n\r\n", status: 400, code: .bareLineFeed)
    }

    func testHeaderSectionTooLarge() {
        let value = String(repeating: "v", count: 40_000)
        assertRejected("GET / HTTP/1.1\r\nHost: h\r\nX: \(value)\r\n\r\n", status: 431, code: .headersTooLarge)
        assertRejected("GET / HTTP/1.1\r\nHost: h\r\nX: \(value)", status: 431, code: .headersTooLarge)
        var many = "GET / HTTP/1.1\r\nHost: h\r\n"
        for i in 0..<50 { many += "X-\(i): \(String(repeating: "v", count: 1000))\r\n" }
        assertRejected(many + "\r\n", status: 431, code: .headersTooLarge)
    }

    func testTooManyHeaders() {
        var request = "GET / HTTP/1.1\r\nHost: h\r\n"
        for i in 0..<100 { request += "X-\(i): v\r\n" }
        assertRejected(request + "\r\n", status: 431, code: .tooManyHeaders)
        assertRejected("GET / HTTP/1.1\r\nHost: h\r\nA: 1\r\nB: 2\r\n\r\n", status: 431, code: .tooManyHeaders,
                       limits: ParserLimits(maxHeaderCount: 2))
    }

    func testHost() {
        assertRejected("GET / HTTP/1.1\r\n\r\n", status: 400, code: .missingHost)
        assertRejected("GET / HTTP/1.1\r\nHost: a\r\nhost: b\r\n\r\n", status: 400, code: .duplicateHost)
        assertRejected("GET / HTTP/1.0\r\nHost: a\r\nHost: a\r\n\r\n", status: 400, code: .duplicateHost)
    }
}
