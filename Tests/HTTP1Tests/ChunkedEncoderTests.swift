import XCTest
@testable import HTTP1

final class ChunkedEncoderTests: XCTestCase {
    func testChunks() {
        XCTAssertEqual(ChunkedEncoder.chunk(bytes("hello")), bytes("5\r\nhello\r\n"))
        XCTAssertEqual(ChunkedEncoder.chunk([UInt8](repeating: 0x61, count: 300)).prefix(5), bytes("12c\r\n")[...])
        XCTAssertEqual(ChunkedEncoder.chunk([]), [])
        XCTAssertEqual(ChunkedEncoder.terminator, bytes("0\r\n\r\n"))
        var header: [UInt8] = []
        ChunkedEncoder.appendChunkHeader(count: 4096, to: &header)
        XCTAssertEqual(header, bytes("1000\r\n"))
        for (count, text) in [(1, "1"), (15, "f"), (16, "10"), (300, "12c"), (Int(Int32.max), "7fffffff"), (Int.max, "7fffffffffffffff")] {
            let head = withUnsafeTemporaryAllocation(byteCount: ChunkedEncoder.maxHeaderSize, alignment: 1) { out in
                Array(out[..<ChunkedEncoder.chunkHeader(count: count, into: out)])
            }
            XCTAssertEqual(head, bytes(text + "\r\n"))
        }
    }

    func testEncodedBodyParsesBack() {
        var generator = SeededGenerator(seed: 7)
        var body: [UInt8] = []
        var wire = bytes("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n")
        for _ in 0..<20 {
            let piece = (0..<Int.random(in: 0...100, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            body += piece
            ChunkedEncoder.appendChunk(piece, to: &wire)
        }
        wire += ChunkedEncoder.terminator
        let events = parse(wire)
        XCTAssertEqual(bodyBytes(events), body)
        XCTAssertEqual(events.last, .end)
    }
}
