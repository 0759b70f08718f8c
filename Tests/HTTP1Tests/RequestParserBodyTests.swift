import XCTest
@testable import HTTP1

/// Content-Length and chunked bodies: framing, limits and rejections.
final class RequestParserBodyTests: XCTestCase {
    private func post(_ fields: String, _ body: String = "") -> String {
        "POST /v1/chat HTTP/1.1\r\nHost: h\r\n\(fields)\r\n\(body)"
    }

    func testContentLengthBody() {
        let events = parse(bytes(post("Content-Length: 11\r\n", "hello world")))
        XCTAssertEqual(heads(events).first?.body, .contentLength(11))
        XCTAssertEqual(bodyBytes(events), bytes("hello world"))
        XCTAssertEqual(events.last, .end)
    }

    func testContentLengthZeroAndLeadingZeros() {
        XCTAssertEqual(heads(parse(bytes(post("Content-Length: 0\r\n")))).first?.body, RequestBodyFraming.none)
        let events = parse(bytes(post("Content-Length: 007\r\n", "abcdefg")))
        XCTAssertEqual(bodyBytes(events).count, 7)
    }

    func testBodyBytesComeAsTheyArrive() {
        var parser = RequestParser()
        parser.feed(bytes(post("Content-Length: 10\r\n", "abc")))
        guard case .head? = parser.next() else { return XCTFail() }
        XCTAssertEqual(parser.next(), .body(bytes("abc")))
        XCTAssertNil(parser.next())
        parser.feed(bytes("defghijGET"))
        XCTAssertEqual(parser.next(), .body(bytes("defghij")))
        XCTAssertEqual(parser.next(), .end)
        XCTAssertNil(parser.next())
        XCTAssertEqual(parser.bufferedByteCount, 3)
    }

    func testContentLengthVariants() {
        assertRejected(post("Content-Length: +5\r\n", "hello"), status: 400, code: .invalidContentLength)
        assertRejected(post("Content-Length: -1\r\n"), status: 400, code: .invalidContentLength)
        assertRejected(post("Content-Length: 0x10\r\n"), status: 400, code: .invalidContentLength)
        assertRejected(post("Content-Length: 1 0\r\n"), status: 400, code: .invalidContentLength)
        assertRejected(post("Content-Length: 5.0\r\n"), status: 400, code: .invalidContentLength)
        assertRejected(post("Content-Length:\r\n"), status: 400, code: .invalidContentLength)
        assertRejected(post("Content-Length: 1,\r\n"), status: 400, code: .invalidContentLength)
        assertRejected(post("Content-Length: 99999999999999999999\r\n"), status: 400, code: .invalidContentLength)
        assertRejected(post("Content-Length: 9223372036854775808\r\n"), status: 400, code: .invalidContentLength)
        assertRejected(post("Content-Length: 1, 2\r\n"), status: 400, code: .conflictingContentLength)
        assertRejected(post("Content-Length: 1\r\nContent-Length: 2\r\n"), status: 400, code: .conflictingContentLength)
    }

    func testIdenticalContentLengthsAreOneValue() {
        var events = parse(bytes(post("Content-Length: 1,1\r\n", "x")))
        XCTAssertEqual(heads(events).first?.body, .contentLength(1))
        events = parse(bytes(post("Content-Length: 3\r\ncontent-length: 3\r\n", "abc")))
        XCTAssertEqual(bodyBytes(events), bytes("abc"))
    }

    func testBodyLimit() {
        let limits = ParserLimits(maxBodyBytes: 10)
        assertRejected(post("Content-Length: 11\r\n"), status: 413, code: .bodyTooLarge, limits: limits)
        assertRejected(post("Content-Length: 9223372036854775807\r\n"), status: 413, code: .bodyTooLarge)
        XCTAssertEqual(bodyBytes(parse(bytes(post("Content-Length: 10\r\n", "0123456789")), limits: limits)).count, 10)
        // Chunked sizes count cumulatively, checked before the data is accepted.
        let chunked = post("Transfer-Encoding: chunked\r\n", "6\r\nabcdef\r\n5\r\n")
        let events = parse(bytes(chunked), limits: limits)
        XCTAssertEqual(parseError(events)?.status.code, 413)
        XCTAssertEqual(bodyBytes(events), bytes("abcdef"))
        XCTAssertNil(parseError(parse(bytes(post("Transfer-Encoding: chunked\r\n", "6\r\nabcdef\r\n4\r\n")), limits: limits)))
    }

    func testChunkedWithExtensionsAndTrailers() {
        let body = "5;name=value\r\nhello\r\n6 ; a=\"b c\";d\r\n world\r\n0;last\r\nTrailer-A: 1\r\nTrailer-B: 2\r\n\r\n"
        let events = parse(bytes(post("Transfer-Encoding: chunked\r\n", body) + "GET / HTTP/1.1\r\nHost: h\r\n\r\n"))
        XCTAssertEqual(heads(events).first?.body, .chunked)
        XCTAssertEqual(bodyBytes(events), bytes("hello world"))
        XCTAssertEqual(heads(events).count, 2)
        XCTAssertEqual(heads(events)[0].headers.contains(name: "trailer-a"), false)
        XCTAssertEqual(events.filter { $0 == .end }.count, 2)
    }

    func testChunkedUpperCaseHexAndCodingName() {
        let events = parse(bytes(post("Transfer-Encoding: Chunked\r\n", "A\r\n0123456789\r\n00\r\n\r\n")))
        XCTAssertEqual(bodyBytes(events).count, 10)
        XCTAssertEqual(events.last, .end)
    }

    func testChunkedRejections() {
        let te = "Transfer-Encoding: chunked\r\n"
        assertRejected(post(te, "x\r\n"), status: 400, code: .invalidChunkSize, afterHead: true)
        assertRejected(post(te, ";a\r\n"), status: 400, code: .invalidChunkSize, afterHead: true)
        assertRejected(post(te, "-1\r\n"), status: 400, code: .invalidChunkSize, afterHead: true)
        assertRejected(post(te, "5 \r\nhello\r\n"), status: 400, code: .invalidChunkSize, afterHead: true)
        assertRejected(post(te, "0x5\r\nhello\r\n"), status: 400, code: .invalidChunkSize, afterHead: true)
        assertRejected(post(te, "1;a\u{0}\r\nx\r\n"), status: 400, code: .invalidChunkSize, afterHead: true)
        assertRejected(post(te, "10000000000000000\r\n"), status: 400, code: .invalidChunkSize, afterHead: true)
        assertRejected(post(te, "5\r\nhelloX\r\n"), status: 400, code: .invalidChunkTerminator, afterHead: true)
        assertRejected(post(te, "5\r\nhello\rX"), status: 400, code: .invalidChunkTerminator, afterHead: true)
        assertRejected(post(te, "5\nhello\r\n"), status: 400, code: .bareLineFeed, afterHead: true)
        assertRejected(post(te, "0\r\n\n"), status: 400, code: .bareLineFeed, afterHead: true)
        assertRejected(post(te, "1;" + String(repeating: "e", count: 5000) + "\r\n"), status: 400, code: .chunkLineTooLong, afterHead: true)
        assertRejected(post(te, "0\r\nBad Trailer: x\r\n\r\n"), status: 400, code: .whitespaceBeforeColon, afterHead: true)
        assertRejected(post(te, "0\r\n folded\r\n\r\n"), status: 400, code: .obsoleteLineFolding, afterHead: true)
        let trailers = String(repeating: "T: \(String(repeating: "t", count: 1000))\r\n", count: 40)
        assertRejected(post(te, "0\r\n" + trailers + "\r\n"), status: 431, code: .trailersTooLarge, afterHead: true)
        assertRejected(post(te, "0\r\n" + String(repeating: "T: 1\r\n", count: 101) + "\r\n"),
                       status: 431, code: .tooManyHeaders, afterHead: true)
    }

    func testTransferEncodingRejections() {
        assertRejected(post("Transfer-Encoding: gzip, chunked\r\n"), status: 501, code: .unsupportedTransferCoding)
        assertRejected(post("Transfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n"),
                       status: 501, code: .unsupportedTransferCoding)
        assertRejected(post("Transfer-Encoding: chunked, gzip\r\n"), status: 400, code: .invalidTransferEncoding)
        assertRejected(post("Transfer-Encoding: gzip\r\n"), status: 400, code: .invalidTransferEncoding)
        assertRejected(post("Transfer-Encoding: chunked, chunked\r\n"), status: 400, code: .invalidTransferEncoding)
        assertRejected(post("Transfer-Encoding: chunked;q=1\r\n"), status: 400, code: .invalidTransferEncoding)
        assertRejected(post("Transfer-Encoding: \r\n"), status: 400, code: .invalidTransferEncoding)
        assertRejected(post("Transfer-Encoding: ,\r\n"), status: 400, code: .invalidTransferEncoding)
        assertRejected(post("Transfer-Encoding: xchunked\r\n"), status: 400, code: .invalidTransferEncoding)
        assertRejected(post("Content-Length: 5\r\nTransfer-Encoding: chunked\r\n"),
                       status: 400, code: .contentLengthWithTransferEncoding)
        assertRejected(post("Transfer-Encoding: chunked\r\nContent-Length: 5\r\n"),
                       status: 400, code: .contentLengthWithTransferEncoding)
        assertRejected("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
                       status: 400, code: .transferEncodingInHTTP10)
    }

    func testTransferEncodingListWithEmptyElements() {
        let events = parse(bytes(post("Transfer-Encoding: , chunked ,\r\n", "0\r\n\r\n")))
        XCTAssertEqual(heads(events).first?.body, .chunked)
        XCTAssertEqual(events.last, .end)
    }

    func testBodyLessMethodsIgnoreNothing() {
        // A GET with a body is framed like any other request.
        let events = parse(bytes("GET / HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\nhi"))
        XCTAssertEqual(bodyBytes(events), bytes("hi"))
    }
}
