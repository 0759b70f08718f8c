/// The SSE reader on raw input: the events may not depend on how the stream is split into
/// reads, the raw bytes of the blocks reassemble the stream, and the relay's fast path over
/// whole `data:` blocks reads what `feed` reads. Also the writer's events read back.
enum FuzzSSE {
    /// Everything a reader reported for one stream.
    struct Run {
        var events: [SSEEvent] = []
        /// What `finish()` handed back: the unterminated last block.
        var rest: [UInt8] = []

        /// The events without their raw bytes and stream ranges: an LF that starts a read
        /// after a CR that ended the previous one is documented to count towards the next
        /// block, so those depend on where the reads fall, and only their sum is fixed.
        var parsed: [Parsed] { events.map(Parsed.init) }
    }

    /// What an event says, apart from where its bytes lie.
    struct Parsed: Equatable {
        var name: String?
        var data: [UInt8]
        var lastEventID: String
        var retry: Int?
        var isEvent: Bool

        init(_ event: SSEEvent) {
            name = event.name
            data = Array(event.data)
            lastEventID = event.lastEventID
            retry = event.retry
            isEvent = event.isEvent
        }
    }

    static func check(_ input: [UInt8], rng: inout FuzzRandom) {
        let cuts = rng.cuts(input.count)
        for reportsEmptyBlocks in [false, true] {
            let whole = run(input, cuts: [], reportsEmptyBlocks: reportsEmptyBlocks)
            var runs = [run(input, cuts: cuts, reportsEmptyBlocks: reportsEmptyBlocks)]
            if reportsEmptyBlocks {
                runs.append(fastPath(input, cuts: cuts))
                // Every split at once, for short inputs only: under ASan it is the costliest
                // check, and the reporting reader sees every block the other one does.
                if input.count <= 256 { runs.append(run(input, cuts: Array(0...input.count), reportsEmptyBlocks: true)) }
            }
            for other in runs { precondition(other.parsed == whole.parsed, "the reads' split changed the SSE events") }
            for result in runs + [whole] {
                for event in result.events {
                    precondition(event.isEvent || reportsEmptyBlocks, "an empty block reported without being asked for")
                    precondition(Array(input[event.streamRange]) == event.raw, "streamRange does not locate raw")
                }
                if reportsEmptyBlocks {
                    precondition(result.events.flatMap(\.raw) + result.rest == input, "the blocks do not reassemble the stream")
                }
            }
        }
        smallLimit(input, cuts: cuts)
        checkWriter(input, rng: &rng)
    }

    static func run(_ input: [UInt8], cuts: [Int], reportsEmptyBlocks: Bool) -> Run {
        var reader = SSEReader(reportsEmptyBlocks: reportsEmptyBlocks)
        var result = Run()
        for piece in pieces(input, cuts) { result.events += feed(&reader, piece) }
        result.rest = reader.finish()
        return result
    }

    /// Feeding under the default 8 MiB limit, which no fuzz input reaches.
    static func feed(_ reader: inout SSEReader, _ piece: some Collection<UInt8>) -> [SSEEvent] {
        do {
            return try reader.feed(Array(piece))
        } catch {
            preconditionFailure("the reader refused a small stream: \(error)")
        }
    }

    /// Reads each piece as `OpenAIStreamFilter` does: the leading whole one-line data blocks
    /// where they lie while the reader is between blocks, the rest through `feed`.
    static func fastPath(_ input: [UInt8], cuts: [Int]) -> Run {
        var reader = SSEReader(reportsEmptyBlocks: true)
        var result = Run()
        var offset = 0
        for piece in pieces(input, cuts) {
            var at = 0
            if reader.isBetweenBlocks {
                piece.withUnsafeBytes { raw in
                    while let block = SSEReader.dataBlock(in: raw, at: at) {
                        result.events.append(SSEEvent(
                            data: piece[block.data], lastEventID: reader.lastEventID, raw: Array(piece[at..<block.end]),
                            streamRange: offset + at ..< offset + block.end))
                        at = block.end
                    }
                }
                reader.skipWholeBlocks(count: at)
            }
            result.events += feed(&reader, piece[at...])
            offset += piece.count
        }
        result.rest = reader.finish()
        return result
    }

    /// Refusing an oversized block must be a clean throw wherever the reads fall.
    static func smallLimit(_ input: [UInt8], cuts: [Int]) {
        var reader = SSEReader(maxBlockSize: 16)
        for piece in pieces(input, cuts) {
            guard (try? reader.feed(piece)) != nil else { return }
        }
        precondition(reader.finish().count <= 16, "the reader kept more than its limit")
    }

    /// What the writer writes reads back as one event with the same data (line breaks as LF),
    /// name and id; the data here is the input, line breaks and all.
    static func checkWriter(_ input: [UInt8], rng: inout FuzzRandom) {
        let name = rng.pick([nil, "", "message", "content_block_delta", "a\nb\rc"])
        let id = rng.pick([nil, "", "42", "x\r\ny"])
        let events = FuzzCheck.events(of: SSEWriter.event(data: input, name: name, id: id), "SSEWriter")
        precondition(events.count == 1, "the writer's event read as \(events.count) events")
        // `elementsEqual` and per-element loops over whole inputs are slow at -Onone under
        // ASan; byte buffers and `==` on arrays keep this check cheap.
        let lines = input.withUnsafeBufferPointer { bytes in
            [UInt8](unsafeUninitializedCapacity: bytes.count) { out, count in
                var previous: UInt8 = 0
                for b in bytes {
                    defer { previous = b }
                    if b == 0x0A && previous == 0x0D { continue }
                    out[count] = b == 0x0D ? 0x0A : b
                    count += 1
                }
            }
        }
        let strip = { (text: String) in String(text.unicodeScalars.filter { $0 != "\n" && $0 != "\r" }) }
        precondition(Array(events[0].data) == lines, "the writer's data read back changed")
        precondition(events[0].name == name.map(strip).flatMap { $0.isEmpty ? nil : $0 }, "the writer's name read back changed")
        precondition(events[0].lastEventID == (id.map(strip) ?? ""), "the writer's id read back changed")
    }
}
