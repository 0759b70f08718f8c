import XCTest
@testable import HTTP1

/// A response's head and body must not depend on how its bytes were split across reads.
final class ResponseParserSplitTests: XCTestCase {
    private static let chunkedHead = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"

    /// Valid samples with the events they must produce, bodies merged; fed with eof.
    static let valid: [(input: String, events: [ResponseEvent])] = [
        ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 11\r\n\r\nhello world",
         [.head(info(200, "Content-Type: text/plain\r\nContent-Length: 11\r\n", .length(11), keepAlive: true)),
          .body(bytes("hello world")), .end]),
        (chunkedHead + "5;a=b\r\nhello\r\n1\r\n \r\nA \t;x\r\n0123456789\r\n0\r\nT: 1\r\nU: 2\r\n\r\n",
         [.head(info(200, "Transfer-Encoding: chunked\r\n", .chunked, keepAlive: true)), .body(bytes("hello 0123456789")), .end]),
        ("HTTP/1.1 200 OK\nTransfer-Encoding: chunked\n\n 3\nabc\n0\n\n",
         [.head(info(200, "Transfer-Encoding: chunked\r\n", .chunked, keepAlive: true)), .body(bytes("abc")), .end]),
        ("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\nLink: </a>\n\r\nHTTP/1.0 200 OK\r\nServer: s\r\n\r\nuntil close",
         [.head(info(200, "Server: s\r\n", .untilClose, keepAlive: false)), .body(bytes("until close")), .end]),
        ("HTTP/1.1 304 Not Modified\r\nETag: \"x\"\r\nContent-Length: 99\r\n\r\n",
         [.head(info(304, "ETag: \"x\"\r\nContent-Length: 99\r\n", .none, keepAlive: true)), .end]),
        ("HTTP/1.1 200\r\nConnection: close\r\nContent-Length: 0\r\n\r\n",
         [.head(info(200, "Connection: close\r\nContent-Length: 0\r\n", .length(0), keepAlive: false)), .end]),
    ]

    /// Malformed samples: the error must not move either.
    static let invalid = [
        "HTTP/1.1 200 OK\r\nBad Name: x\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nab",
        chunkedHead + "3\r\nabc\r\nzz\r\n",
        chunkedHead + "3\r\nabcX",
        chunkedHead + "2\r\nab\r\n0\r\n" + String(repeating: "t", count: 30),
        "HTTP/1.1 103 Early Hints\r\nX: " + String(repeating: "v", count: 60) + "\r\n\r\nHTTP/1.1 200 OK\r\n\r\n",
    ]

    private func assertSplitsAgree(_ input: [UInt8], _ feed: ResponseFeed, expected: [ResponseEvent], _ name: String) {
        var feed = feed
        for cut in 0...input.count {
            feed.splits = [cut]
            XCTAssertEqual(parseResponse(input, feed).normalized, expected, "cut \(cut): \(name)")
        }
        feed.splits = Array(0...input.count)
        XCTAssertEqual(parseResponse(input, feed).normalized, expected, "byte by byte: \(name)")
    }

    func testValidSamplesParseTheSameWhateverTheSplit() {
        for (text, events) in Self.valid {
            let input = bytes(text)
            XCTAssertEqual(parseResponse(input, ResponseFeed(eof: true)).normalized, events, text)
            assertSplitsAgree(input, ResponseFeed(eof: true), expected: events, text)
        }
    }

    func testInvalidSamplesFailTheSameWhateverTheSplit() {
        for text in Self.invalid {
            let input = bytes(text)
            let feed = ResponseFeed(maxHeadBytes: 50, eof: true)
            let whole = parseResponse(input, feed)
            XCTAssertNotNil(whole.error, text)
            assertSplitsAgree(input, feed, expected: whole.normalized, text)
        }
    }

    func testPipelinedSamplesParseTheSameWhateverTheSplit() {
        let input = bytes(Self.valid.map(\.input).dropLast(3).joined() + Self.valid[5].input + Self.valid[3].input)
        let expected = Self.valid[0].events + Self.valid[1].events + Self.valid[2].events + Self.valid[5].events
            + Self.valid[3].events
        assertSplitsAgree(input, ResponseFeed(eof: true, pipelined: true), expected: expected, "pipelined")
    }
}
