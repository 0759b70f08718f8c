import XCTest
import Wire

final class SSEReaderWholeBlocksTests: XCTestCase {
    /// The data of the blocks `dataBlock` reads one after another, nil unless they cover `stream`.
    private func blocks(_ stream: [UInt8]) -> [String]? {
        stream.withUnsafeBytes { raw -> [String]? in
            var out: [String] = []
            var at = 0
            while let block = SSEReader.dataBlock(in: raw, at: at) {
                out.append(String(decoding: raw[block.data], as: UTF8.self))
                at = block.end
            }
            return at == raw.count && at > 0 ? out : nil
        }
    }

    private func blocks(_ text: String) -> [String]? { blocks(bytes(text)) }

    func testRecognisesOnlyWholeOneLineDataBlocks() {
        XCTAssertEqual(blocks("data: {\"a\":1}\n\n"), [#"{"a":1}"#])
        XCTAssertEqual(blocks("data:x\n\ndata: [DONE]\n\n"), ["x", "[DONE]"])
        XCTAssertEqual(blocks("data: \n\n"), [""])
        XCTAssertEqual(blocks("data:  two spaces\n\n"), [" two spaces"])
        for other in ["", "data: x\n", "data: x\n\ndata: y", "data: x\r\n\r\n", "data: x\ndata: y\n\n",
                      ": comment\n\n", "event: e\ndata: x\n\n", "Data: x\n\n", "data x\n\n", "\ndata: x\n\n"] {
            XCTAssertNil(blocks(other), other.debugDescription)
        }
    }

    /// Whatever the fast path accepts, the reader parses to the same events.
    func testAgreesWithTheReader() throws {
        var rng = SeededGenerator(seed: 0xB10C)
        let pieces = ["data:", "data: ", "x", "\n", "\n\n", " ", "é", "\r", ":", "id: 1"].map(bytes)
        var accepted = 0
        for _ in 0 ..< 20_000 {
            let stream = (0 ..< Int.random(in: 0 ..< 12, using: &rng)).flatMap { _ in pieces.randomElement(using: &rng)! }
            guard let fast = blocks(stream) else { continue }
            accepted += 1
            var reader = SSEReader()
            _ = try reader.feed([])  // the byte order mark check happens on the first bytes
            let events = try reader.feed(stream)
            XCTAssertEqual(events.map(\.text), fast, String(decoding: stream, as: UTF8.self).debugDescription)
            XCTAssertTrue(reader.isBetweenBlocks)
        }
        XCTAssertGreaterThan(accepted, 50)
    }
}
