import XCTest
@testable import HTTP1

/// Every error code, the limits, and the peer closing early.
final class ResponseParserRejectionTests: XCTestCase {
    private static let chunkedHead = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"

    /// Asserts that `text` fails with `code`, after exactly `heads` heads.
    private func assertFails(
        _ text: String, _ code: ResponseParseError.Code, heads: Int = 0, _ feed: ResponseFeed = ResponseFeed(),
        file: StaticString = #filePath, line: UInt = #line
    ) {
        let run = parseResponse(text, feed, file: file, line: line)
        XCTAssertEqual(run.error, code, "\(text.debugDescription): \(run.events)", file: file, line: line)
        XCTAssertEqual(run.heads.count, heads, "heads before the error", file: file, line: line)
        XCTAssertEqual(run.events.last, .error(code), file: file, line: line)
    }

    func testEveryCodeIsProducedAndDescribed() {
        let samples: [ResponseParseError.Code: String] = [
            .invalidStatusLine: "HTTP/1.1 20 OK\r\n\r\n",
            .unsupportedVersion: "HTTP/2.0 200 OK\r\n\r\n",
            .invalidHeader: "HTTP/1.1 200 OK\r\nX : y\r\n\r\n",
            .headTooLarge: "HTTP/1.1 200 OK\r\nX: " + String(repeating: "a", count: 70_000),
            .unexpectedUpgrade: "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n",
            .invalidContentLength: "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
            .invalidChunkSize: Self.chunkedHead + "xyz\r\n",
            .invalidChunkData: Self.chunkedHead + "3\r\nabcd\r\n",
            .truncated: "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc",
        ]
        XCTAssertEqual(Set(samples.keys), Set(ResponseParseError.Code.allCases))
        for (code, text) in samples {
            XCTAssertEqual(parseResponse(text, ResponseFeed(eof: true)).error, code, text.debugDescription)
            XCTAssertEqual("\(ResponseParseError(code))", "\(code.rawValue): \(ResponseParseError(code).message)")
        }
        XCTAssertEqual(ResponseParseError.Code.invalidChunkData.rawValue, "invalid_chunk_data")
    }

    func testMalformedStatusLines() {
        for line in ["HTTP/1.1 20 OK", "HTTP/1.1 2000 OK", "HTTP/1.1 200OK", "HTTP/1.1  200 OK", "http/1.1 200 OK",
                     "HTTP/1.10 200 OK", "HTTP/11 200 OK", "ICY 200 OK", "HTTP/1.1 099 Low", "HTTP/1.1 600 High",
                     "HTTP/1.1 2x0 OK", "HTTP/1.1\t200 OK", "HTTP/1.1 200 O\u{1}K", "HTTP/1.1 200 OK\r", "", " HTTP/1.1 200 OK"] {
            assertFails(line + "\r\nContent-Length: 0\r\n\r\n", .invalidStatusLine)
        }
        assertFails("\r\nHTTP/1.1 200 OK\r\n\r\n", .invalidStatusLine)
    }

    func testUnsupportedVersions() {
        for version in ["HTTP/2.0", "HTTP/1.2", "HTTP/0.9", "HTTP/3.1"] {
            assertFails(version + " 200 OK\r\n\r\n", .unsupportedVersion)
        }
    }

    func testMalformedHeaderLines() {
        for field in ["X : y", "X\t: y", "X y", ": y", " folded", "\tfolded", "X\u{1}: y", "Bad[name]: v",
                      "X: a\u{0}b", "X: a\rb", "X: a\u{7F}", "Caf\u{E9}: x", "\r"] {
            assertFails("HTTP/1.1 200 OK\r\nA: b\r\n\(field)\r\nContent-Length: 0\r\n\r\n", .invalidHeader)
        }
        assertFails("HTTP/1.1 200 OK\r\n folded-first: x\r\n\r\n", .invalidHeader)
        assertFails("HTTP/1.1 100 Continue\r\nBad Name: x\r\n\r\nHTTP/1.1 200 OK\r\n\r\n", .invalidHeader)
    }

    func testHeadSizeLimitIsExact() {
        let head = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"
        let size = head.utf8.count
        XCTAssertEqual(parseResponse(head, ResponseFeed(maxHeadBytes: size)).events.last, .end)
        assertFails(head, .headTooLarge, ResponseFeed(maxHeadBytes: size - 1))
        // An unterminated head fails once it reaches the limit, without waiting for its end.
        let open = String(head.dropLast(2))
        XCTAssertEqual(parseResponse(open, ResponseFeed(maxHeadBytes: open.utf8.count + 1)).events, [])
        assertFails(open, .headTooLarge, ResponseFeed(maxHeadBytes: open.utf8.count))
        // The limit applies to each head on its own, interim heads included.
        let interim = "HTTP/1.1 103 Hints\r\nLink: </a>\r\n\r\n"
        XCTAssertEqual(parseResponse(interim + head, ResponseFeed(maxHeadBytes: size)).events.last, .end)
    }

    func testTrailerSectionLimit() {
        func trailer(_ count: Int) -> String {
            Self.chunkedHead + "1\r\nx\r\n0\r\nT: " + String(repeating: "a", count: count) + "\r\n\r\n"
        }
        // The section is "T: " + a's + CRLF + the final CRLF: 60 bytes with 53 a's.
        XCTAssertEqual(parseResponse(trailer(53), ResponseFeed(maxHeadBytes: 60)).events.last, .end)
        assertFails(trailer(54), .headTooLarge, heads: 1, ResponseFeed(maxHeadBytes: 60))
        assertFails(Self.chunkedHead + "0\r\n" + String(repeating: "\r", count: 70), .headTooLarge, heads: 1,
                    ResponseFeed(maxHeadBytes: 60))
    }

    func testUpgradeIsUnexpected() {
        assertFails("HTTP/1.1 101 Switching Protocols\r\nConnection: upgrade\r\n\r\n", .unexpectedUpgrade)
        assertFails("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 101 Switching Protocols\r\n\r\n", .unexpectedUpgrade)
    }

    func testInvalidContentLength() {
        for value in ["abc", "", " ", "1, 2", "-1", "+1", "1 2", "0x10", "5,,5", "5,", "99999999999999999999"] {
            assertFails("HTTP/1.1 200 OK\r\nContent-Length: \(value)\r\n\r\n", .invalidContentLength)
        }
        assertFails("HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 3, 4\r\n\r\nabc", .invalidContentLength)
        // Where no body is read, the field does not matter.
        XCTAssertEqual(parseResponse("HTTP/1.1 304 Not Modified\r\nContent-Length: x\r\n\r\n").events.last, .end)
    }

    func testInvalidChunkSizeLines() {
        for line in ["xyz\r\n", "\r\n", "\n", ";ext\r\n", "1 2\r\n", "-1\r\n", "0x10\r\n", "1\rX", "1\r\r\n",
                     "1;a\u{0}b\r\n", "4000000000000000\r\n", "10000000000000000000\r\n",
                     "1;" + String(repeating: "e", count: 5000) + "\r\n", String(repeating: " ", count: 5000) + "1\r\n"] {
            assertFails(Self.chunkedHead + line, .invalidChunkSize, heads: 1)
        }
        // Just below 2^62 is a size, and leading zeros are not an overflow.
        let big = parseResponse(Self.chunkedHead + "3fffffffffffffff\r\nab", ResponseFeed(eof: true))
        XCTAssertEqual(big.events.suffix(2), [.body(bytes("ab")), .error(.truncated)])
        let zeros = parseResponse(Self.chunkedHead + String(repeating: "0", count: 40) + "1\r\nz\r\n0\r\n\r\n")
        XCTAssertEqual(zeros.body, bytes("z"))
    }

    func testChunkDataMustEndWithALineEnd() {
        for rest in ["3\r\nabcX", "3\r\nabc\rX", "3\r\nabc\r\r\n", "3\r\nabcd\r\n0\r\n\r\n"] {
            let run = parseResponse(Self.chunkedHead + rest)
            XCTAssertEqual(run.body, bytes("abc"), rest.debugDescription)
            XCTAssertEqual(run.events.last, .error(.invalidChunkData), rest.debugDescription)
        }
    }

    func testEofCutsShortOnlyAnOpenResponse() {
        let truncated: [String] = [
            "H", "HTTP/1.1 200 OK\r\n", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r", "HTTP/1.1 100 Continue\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nabcd",
            Self.chunkedHead, Self.chunkedHead + "5", Self.chunkedHead + "5;x\r", Self.chunkedHead + "5\r\nabc",
            Self.chunkedHead + "5\r\nabcde", Self.chunkedHead + "5\r\nabcde\r", Self.chunkedHead + "0\r\n",
            Self.chunkedHead + "0\r\nT: x\r\n", Self.chunkedHead + "0\r\n\r",
        ]
        for text in truncated {
            XCTAssertEqual(parseResponse(text, ResponseFeed(eof: true)).events.last, .error(.truncated), text.debugDescription)
        }
        XCTAssertEqual(parseResponse("", ResponseFeed(eof: true)).events, [])
        XCTAssertEqual(parseResponse("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx", ResponseFeed(eof: true)).events.last, .end)

        var parser = ResponseParser()
        XCTAssertNil(parser.eof())
        XCTAssertFalse(parser.hasStarted)
        var offset = 0
        // A head whose body is empty or close-delimited ends at eof even before `.end` is pulled.
        for text in ["HTTP/1.1 204 No Content\r\n\r\n", "HTTP/1.0 200 OK\r\n\r\n"] {
            parser.reset()
            offset = 0
            bytes(text).withUnsafeBytes { XCTAssertNotNil(parser.next($0, offset: &offset)) }
            XCTAssertEqual(parser.eof(), .end)
            XCTAssertNil(parser.eof())
        }
    }

    func testParserIsDeadAfterAnError() {
        var parser = ResponseParser()
        var offset = 0
        let input = bytes("HTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\nHTTP/1.1 200 OK\r\n\r\n")
        input.withUnsafeBytes { buffer in
            XCTAssertEqual(parser.next(buffer, offset: &offset), .error(.invalidContentLength))
            let stopped = offset
            XCTAssertNil(parser.next(buffer, offset: &offset))
            XCTAssertEqual(offset, stopped)
        }
        XCTAssertNil(parser.eof())
        parser.reset()
        offset = 0
        bytes("HTTP/1.1 204 No Content\r\n\r\n").withUnsafeBytes { buffer in
            XCTAssertEqual(parser.next(buffer, offset: &offset), .head(info(204, "", .none, keepAlive: true)))
        }
    }
}
