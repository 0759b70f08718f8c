import XCTest
import Wire

final class SSEReaderTests: XCTestCase {
    /// The parsed content of an event, without its raw bytes and position.
    private struct Parsed: Equatable, CustomStringConvertible {
        var name: String?
        var data: String
        var id: String
        var retry: Int?
        var isEvent: Bool

        init(_ e: SSEEvent) {
            name = e.name
            data = e.text
            id = e.lastEventID
            retry = e.retry
            isEvent = e.isEvent
        }

        init(_ data: String, name: String? = nil, id: String = "", retry: Int? = nil, isEvent: Bool = true) {
            self.name = name
            self.data = data
            self.id = id
            self.retry = retry
            self.isEvent = isEvent
        }

        var description: String { "(\(name ?? "-"), \(data.debugDescription), id \(id), retry \(retry.map(String.init) ?? "-"))" }
    }

    private func read(_ chunks: [[UInt8]], reportsEmptyBlocks: Bool = false) throws -> [SSEEvent] {
        var reader = SSEReader(reportsEmptyBlocks: reportsEmptyBlocks)
        var events: [SSEEvent] = []
        for chunk in chunks { events += try reader.feed(chunk) }
        return events
    }

    private func parsed(_ text: String) throws -> [Parsed] {
        try read([bytes(text)]).map(Parsed.init)
    }

    func testWHATWGExamples() throws {
        XCTAssertEqual(
            try parsed(": test stream\n\ndata: first event\nid: 1\n\ndata:second event\nid\n\ndata:  third event\n\n"),
            [Parsed("first event", id: "1"), Parsed("second event"), Parsed(" third event")]
        )
        XCTAssertEqual(try parsed("data\n\ndata\ndata\n\ndata:"), [Parsed(""), Parsed("\n")])
        XCTAssertEqual(try parsed("data:test\n\ndata: test\n\n"), [Parsed("test"), Parsed("test")])
        XCTAssertEqual(
            try parsed("data: YHOO\ndata: +2\ndata: 10\n\n"),
            [Parsed("YHOO\n+2\n10")]
        )
    }

    func testFieldsAndLineEndings() throws {
        let text = "event: add\rdata: 73857293\r\n\r\nevent:remove\ndata: 2153\r\rid: 9\u{0}x\nretry: 2500\nretry: 1x\nfoo: bar\ndata: z\n\n"
        XCTAssertEqual(
            try parsed(text),
            [Parsed("73857293", name: "add"), Parsed("2153", name: "remove"), Parsed("z", retry: 2500)]
        )
        // The id persists across events; an id with NUL is ignored.
        XCTAssertEqual(
            try parsed("id: a\ndata: 1\n\ndata: 2\n\nid: b\u{0}\ndata: 3\n\n").map(\.id),
            ["a", "a", "a"]
        )
        // Only one space after the colon is stripped; no colon means an empty value.
        XCTAssertEqual(try parsed("data:   x \n\n"), [Parsed("  x ")])
        XCTAssertEqual(try parsed("event\ndata\n\n"), [Parsed("")])
    }

    func testCommentsAndEmptyBlocks() throws {
        let text = ": keep-alive\n\nevent: ping\n\n\ndata: x\n\n"
        XCTAssertEqual(try parsed(text), [Parsed("x")])
        let all = try read([bytes(text)], reportsEmptyBlocks: true)
        XCTAssertEqual(all.map(\.isEvent), [false, false, false, true])
        XCTAssertEqual(all.map { String(decoding: $0.raw, as: UTF8.self) },
                       [": keep-alive\n\n", "event: ping\n\n", "\n", "data: x\n\n"])
        XCTAssertEqual(all.flatMap(\.raw), bytes(text))
    }

    func testByteOrderMark() throws {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        XCTAssertEqual(try read([bom + bytes("data: a\n\n")]).map(\.text), ["a"])
        XCTAssertEqual(try read([[0xEF], [0xBB], [0xBF, 0x64], bytes("ata: a\n\n")]).map(\.text), ["a"])
        // Only the first BOM is special; a second makes the field name unknown.
        XCTAssertEqual(try read([bom + bom + bytes("data: a\n\ndata: b\n\n")]).map(\.text), ["b"])
    }

    func testRawBytesAndStreamRanges() throws {
        let text = "data: {\"a\":1}\n\n: c\ndata: x\r\ndata: y\r\n\r\n"
        var reader = SSEReader()
        let events = try reader.feed(bytes(text))
        XCTAssertEqual(events.map { String(decoding: $0.raw, as: UTF8.self) },
                       ["data: {\"a\":1}\n\n", ": c\ndata: x\r\ndata: y\r\n\r\n"])
        XCTAssertEqual(events.map(\.streamRange), [0 ..< 15, 15 ..< text.utf8.count])
        XCTAssertEqual(events.map(\.text), ["{\"a\":1}", "x\ny"])
        // The single-line data is a view of the raw bytes.
        XCTAssertEqual(events[0].data.startIndex, 6)
    }

    func testEverySplitGivesTheSameEvents() throws {
        let text = "\u{FEFF}: hi\r\nevent: a\r\ndata: 1\r\n\r\ndata: é☕👋\rdata\rid: 7\nretry: 30\n\n" +
            "data: {\"choices\":[]}\n\n\n\r\n:x\rdata: [DONE]\n\ndata: tail"
        let input = bytes(text)
        let expected = try read([input], reportsEmptyBlocks: true)
        XCTAssertEqual(expected.filter(\.isEvent).map(Parsed.init), [
            Parsed("1", name: "a"), Parsed("é☕👋\n", id: "7", retry: 30),
            Parsed("{\"choices\":[]}", id: "7"), Parsed("[DONE]", id: "7"),
        ])
        func check(_ chunks: [[UInt8]]) throws {
            var reader = SSEReader(reportsEmptyBlocks: true)
            var events: [SSEEvent] = []
            for chunk in chunks { events += try reader.feed(chunk) }
            XCTAssertEqual(events.map(Parsed.init), expected.map(Parsed.init), "\(chunks.map(\.count))")
            // Raw bytes always reassemble the stream (a CRLF split may move its LF to the next block).
            XCTAssertEqual(events.flatMap(\.raw) + reader.finish(), input)
        }
        for cut in 0 ... input.count {
            try check([Array(input[..<cut]), Array(input[cut...])])
        }
        for cut1 in stride(from: 0, through: input.count, by: 3) {
            for cut2 in cut1 ... input.count {
                try check([Array(input[..<cut1]), Array(input[cut1 ..< cut2]), Array(input[cut2...])])
            }
        }
        try check(input.map { [$0] })
    }

    func testBlockSizeLimitAndFinish() throws {
        var reader = SSEReader(maxBlockSize: 16)
        XCTAssertEqual(try reader.feed(bytes("data: 1\n\ndata: 0123")).map(\.text), ["1"])
        XCTAssertThrowsError(try reader.feed(bytes("456789abcdef"))) { error in
            XCTAssertEqual((error as? SSEError)?.code, .blockTooLarge)
        }
        var other = SSEReader()
        _ = try other.feed(bytes("data: partial"))
        XCTAssertEqual(other.finish(), bytes("data: partial"))
        XCTAssertEqual(try other.feed(bytes("data: fresh\n\n")).map(\.text), ["fresh"])
    }

    func testLongLineAcrossManyFeedsIsLinear() throws {
        var reader = SSEReader()
        let piece = [UInt8](repeating: UInt8(ascii: "a"), count: 64)
        _ = try reader.feed(bytes("data: "))
        for _ in 0 ..< 20_000 { XCTAssertTrue(try reader.feed(piece).isEmpty) }
        let events = try reader.feed(bytes("\n\n"))
        XCTAssertEqual(events.first?.data.count, 64 * 20_000)
    }
}
