/// An incremental Server-Sent Events parser following the WHATWG event-stream rules.
///
/// Feed bytes as they arrive, split anywhere; complete blocks come back as `SSEEvent`s with their
/// raw bytes. Lines end at LF, CR or CRLF. A CR that ends one feed and an LF that starts the next
/// form one line break; the LF then counts towards the next block's raw bytes, so the raw bytes of
/// all blocks plus `finish()` always reassemble the stream exactly.
public struct SSEReader: Sendable {
    /// Largest unterminated block kept in memory before `feed` throws.
    public let maxBlockSize: Int
    /// Whether blocks WHATWG would not dispatch (comments, keep-alives) are reported too.
    public let reportsEmptyBlocks: Bool
    /// The last event ID buffer; it persists across events as WHATWG specifies.
    public internal(set) var lastEventID = ""
    /// The latest valid `retry:` value, in milliseconds.
    public internal(set) var retry: Int?

    /// Unconsumed stream bytes; between feeds it holds only the block in progress.
    var buffer: [UInt8] = []
    /// Start of the block in progress in `buffer`; `Block` ranges are relative to it.
    var blockStart = 0
    /// Start of the line in progress in `buffer`.
    var lineStart = 0
    /// The previous feed ended in CR: an LF at the start of this one belongs to that line break.
    var pendingLF = false
    /// Whether the stream start has been checked for a byte order mark.
    var bomChecked = false
    /// Stream bytes dropped from `buffer` so far.
    var consumed = 0
    var block = Block()

    /// Fields of the block in progress.
    struct Block {
        var name: Range<Int>?
        var dataLines = 0
        var firstData = 0 ..< 0
        var joinedData: [UInt8] = []
        var retry: Int?
    }

    public init(maxBlockSize: Int = 8 << 20, reportsEmptyBlocks: Bool = false) {
        self.maxBlockSize = maxBlockSize
        self.reportsEmptyBlocks = reportsEmptyBlocks
    }

    /// Adds bytes and returns the blocks they complete, in stream order.
    public mutating func feed(_ chunk: UnsafeRawBufferPointer) throws(SSEError) -> [SSEEvent] {
        // Bytes from `lineStart` on were searched for line breaks by earlier feeds and hold none.
        var i = buffer.count
        buffer.append(contentsOf: chunk)
        if !bomChecked {
            // A UTF-8 BOM is skipped once, at the very start; wait until it can be recognised.
            if buffer.count < 3 && Self.bom.starts(with: buffer) { return [] }
            bomChecked = true
            if buffer.starts(with: Self.bom) { lineStart = 3 }
            i = lineStart
        }
        var events: [SSEEvent] = []
        let count = buffer.count
        if pendingLF && i < count {
            pendingLF = false
            if buffer[i] == 0x0A {
                i += 1
                lineStart = i
            }
        }
        while let lineEnd = Self.lineBreak(in: buffer, from: i) {
            let line = lineStart ..< lineEnd
            i = lineEnd + 1
            if buffer[lineEnd] == 0x0D {
                if i == count {
                    pendingLF = true
                } else if buffer[i] == 0x0A {
                    i += 1
                }
            }
            lineStart = i
            if line.isEmpty {
                if let event = dispatch(blockEnd: i) { events.append(event) }
            } else {
                process(line)
            }
        }
        // Keep only the block in progress.
        if blockStart > 0 {
            buffer.removeFirst(blockStart)
            consumed += blockStart
            lineStart -= blockStart
            blockStart = 0
        }
        // A burst of large chunks should not pin its buffer for the rest of a long stream.
        if buffer.isEmpty && buffer.capacity > 64 << 10 { buffer = [] }
        guard buffer.count <= maxBlockSize else {
            throw SSEError(.blockTooLarge, at: consumed + buffer.count, "an event block exceeds the size limit")
        }
        return events
    }

    /// `feed` with an array's bytes.
    public mutating func feed(_ chunk: [UInt8]) throws(SSEError) -> [SSEEvent] {
        let result = chunk.withUnsafeBytes { raw in Result { () throws(SSEError) in try feed(raw) } }
        return try result.get()
    }

    /// Ends the stream: returns the bytes of an unterminated block (WHATWG discards that block)
    /// and resets the reader for a new stream.
    public mutating func finish() -> [UInt8] {
        let rest = buffer
        self = SSEReader(maxBlockSize: maxBlockSize, reportsEmptyBlocks: reportsEmptyBlocks)
        return rest
    }

    private static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// Offset of the first CR or LF at or after `start`, eight bytes a step.
    private static func lineBreak(in buffer: [UInt8], from start: Int) -> Int? {
        buffer.withUnsafeBytes { raw in lineBreak(in: raw, from: start) }
    }

    /// `lineBreak` over borrowed bytes.
    static func lineBreak(in raw: UnsafeRawBufferPointer, from start: Int) -> Int? {
        let ones: UInt64 = 0x0101_0101_0101_0101
        var i = start
        while i &+ 8 <= raw.count {
            let w = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            let lf = w ^ (ones &* 0x0A)
            let cr = w ^ (ones &* 0x0D)
            // Zero-byte detection; the lowest flagged lane is exact.
            let mask = ((lf &- ones) & ~lf | (cr &- ones) & ~cr) & (ones &* 0x80)
            if mask != 0 { return i &+ mask.trailingZeroBitCount >> 3 }
            i &+= 8
        }
        while i < raw.count {
            let b = raw[i]
            if b == 0x0A || b == 0x0D { return i }
            i &+= 1
        }
        return nil
    }
}
