import XCTest
@testable import HTTP1

/// The parser's events must not depend on how the input is split across feeds.
final class RequestParserSplitTests: XCTestCase {
    static let corpus: [String] = [
        "GET /a HTTP/1.1\r\nHost: h\r\nAccept: */*\r\n\r\n",
        "\r\nPOST /b HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhelloGET /c HTTP/1.0\r\n\r\n",
        "POST /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "3;x=y\r\nabc\r\n10\r\n0123456789abcdef\r\n0\r\nT: 1\r\n\r\nGET / HTTP/1.1\r\nHost: h\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: h\r\nX: a\r\n b\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: h\nX: y\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhelloXX",
        "GET /" + String(repeating: "p", count: 60) + " HTTP/1.1\r\nHost: h\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: h\r\nX: " + String(repeating: "v", count: 80) + "\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: h\r\n\r\nGET / HTTP/1.1\r\nHost: h\r\n\r",
    ]
    /// Small enough that the long lines in the corpus cross them.
    static let limits = ParserLimits(maxRequestLineBytes: 40, maxHeaderBytes: 60, maxHeaderCount: 3, maxBodyBytes: 20)

    func testEveryBytePositionGivesIdenticalEvents() {
        for limits in [ParserLimits(), Self.limits] {
            for text in Self.corpus {
                let input = bytes(text)
                let whole = normalized(parse(input, limits: limits))
                for cut in 0...input.count {
                    XCTAssertEqual(normalized(parse(input, limits: limits, splits: [cut])), whole, "cut \(cut): \(text)")
                }
                XCTAssertEqual(normalized(parse(input, limits: limits, splits: Array(0...input.count))), whole, text)
            }
        }
    }

    func testEveryPairOfCutsGivesIdenticalEvents() {
        let input = bytes(Self.corpus[2])
        let whole = normalized(parse(input))
        for first in stride(from: 0, through: input.count, by: 3) {
            for second in first...input.count {
                XCTAssertEqual(normalized(parse(input, splits: [first, second])), whole)
            }
        }
    }
}
