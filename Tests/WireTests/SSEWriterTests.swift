import XCTest
import Wire

final class SSEWriterTests: XCTestCase {
    func testEncodesEvents() {
        XCTAssertEqual(String(decoding: SSEWriter.event(#"{"a":1}"#), as: UTF8.self), "data: {\"a\":1}\n\n")
        XCTAssertEqual(
            String(decoding: SSEWriter.event("x", name: "message_start", id: "7"), as: UTF8.self),
            "event: message_start\nid: 7\ndata: x\n\n"
        )
        XCTAssertEqual(String(decoding: SSEWriter.event("a\nb\r\nc\rd"), as: UTF8.self), "data: a\ndata: b\ndata: c\ndata: d\n\n")
        XCTAssertEqual(String(decoding: SSEWriter.event("", name: "bad\nname"), as: UTF8.self), "event: badname\ndata: \n\n")
        XCTAssertEqual(String(decoding: SSEWriter.done, as: UTF8.self), "data: [DONE]\n\n")
        var out: [UInt8] = []
        SSEWriter.appendComment("keep-alive", to: &out)
        SSEWriter.appendDone(to: &out)
        XCTAssertEqual(String(decoding: out, as: UTF8.self), ": keep-alive\n\ndata: [DONE]\n\n")
    }

    func testReaderReadsWhatWriterWrites() throws {
        let payloads = ["", "one", "two\nlines", " leading space", "trailing\n", "\n", "é☕👋", "[DONE]"]
        var stream: [UInt8] = []
        for (i, p) in payloads.enumerated() {
            SSEWriter.appendEvent(data: Array(p.utf8), name: i % 2 == 0 ? nil : "e\(i)", to: &stream)
        }
        var reader = SSEReader()
        let events = try reader.feed(stream)
        XCTAssertEqual(events.map(\.text), payloads)
        XCTAssertEqual(events.map(\.name), payloads.indices.map { $0 % 2 == 0 ? nil : "e\($0)" })
        XCTAssertTrue(events.last!.isDone)
    }
}
