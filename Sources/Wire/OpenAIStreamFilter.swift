/// Relays an OpenAI chat-completions SSE stream block by block, noting usage and finish
/// reason on the way, and dropping the usage-only chunk the gateway asked for on its own behalf.
///
/// The gateway always asks upstream for `include_usage` (accounting needs it); a client that
/// did not ask must not see the extra chunk. Every other block is forwarded byte for byte.
public struct OpenAIStreamFilter: Sendable {
    private var reader = SSEReader(reportsEmptyBlocks: true)
    private let stripUsage: Bool

    public private(set) var usage: Usage?
    public private(set) var finishReason: String?
    public private(set) var model: String?
    public private(set) var sawDone = false
    /// Data events seen, `[DONE]` excluded.
    public private(set) var events = 0
    /// An `error` object arrived inside the stream (providers report mid-stream failures so).
    public private(set) var sawError = false
    /// A data event that is not JSON arrived; it was not forwarded and the stream is broken.
    public private(set) var sawMalformed = false

    public init(stripUsage: Bool) {
        self.stripUsage = stripUsage
    }

    /// Consumes upstream bytes; returns the bytes to send to the client now.
    public mutating func feed(_ bytes: UnsafeRawBufferPointer) throws(SSEError) -> [UInt8] {
        let blocks = try reader.feed(bytes)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        for block in blocks where forward(block) {
            out += block.raw
        }
        return out
    }

    /// `feed` with an array's bytes. A piece whose blocks all go out as they came comes back
    /// as the same array (no copy): the common case of one token per piece.
    public mutating func feed(_ bytes: [UInt8]) throws(SSEError) -> [UInt8] {
        if reader.isBetweenBlocks, model != nil {
            let result = bytes.withUnsafeBytes { raw in Result { () throws(SSEError) in try passWholeBlocks(raw) } }
            return try result.get() ?? bytes
        }
        let result = bytes.withUnsafeBytes { raw in Result { () throws(SSEError) in try feed(raw) } }
        return try result.get()
    }

    /// Relays the piece's leading whole one-line data blocks where they lie
    /// (`SSEReader.dataBlock`), and the rest, if any, through the reader. Returns nil when the
    /// whole piece goes out unchanged.
    private mutating func passWholeBlocks(_ raw: UnsafeRawBufferPointer) throws(SSEError) -> [UInt8]? {
        var kept: [UInt8]?  // nil while every block so far goes out as it came
        var at = 0
        while let block = SSEReader.dataBlock(in: raw, at: at) {
            let forwarded = forward(data: UnsafeRawBufferPointer(rebasing: raw[block.data]))
            if !forwarded && kept == nil { kept = Array(raw[..<at]) }
            if forwarded, kept != nil { kept! += raw[at ..< block.end] }
            at = block.end
        }
        reader.skipWholeBlocks(count: at)
        guard at < raw.count else { return kept }
        return try (kept ?? Array(raw[..<at])) + feed(UnsafeRawBufferPointer(rebasing: raw[at...]))
    }

    /// The stream ended: returns whatever unterminated bytes remain (forwarded as they are).
    public mutating func finish() -> [UInt8] {
        reader.finish()
    }

    private mutating func rejectMalformed() -> Bool {
        sawMalformed = true
        return false
    }

    private mutating func forward(_ block: SSEEvent) -> Bool {
        guard block.isEvent else { return true }
        return block.data.withUnsafeBytes { forward(data: $0) }
    }

    /// Whether one event's data goes out; notes what it carries.
    private mutating func forward(data: UnsafeRawBufferPointer) -> Bool {
        if data.spells("[DONE]") {
            sawDone = true
            return true
        }
        events += 1
        // Once the model is known, a chunk with nothing to note needs only to be valid JSON.
        if model != nil {
            var watch = OpenAIChunkWatch()
            guard (try? JSONScanner.validateObject(data, watching: &watch)) != nil else { return rejectMalformed() }
            if !watch.needsSummary { return true }
        }
        guard let summary = try? OpenAIResponseSummary.scan(data) else { return rejectMalformed() }
        if model == nil { model = summary.model }
        if let reason = summary.finishReason { finishReason = reason }
        if summary.hasError { sawError = true }
        if let chunkUsage = summary.usage { usage = chunkUsage }
        return !(stripUsage && summary.isUsageOnlyChunk)
    }
}
