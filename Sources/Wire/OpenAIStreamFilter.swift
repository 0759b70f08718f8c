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

    public mutating func feed(_ bytes: [UInt8]) throws(SSEError) -> [UInt8] {
        let result = bytes.withUnsafeBytes { raw in Result { () throws(SSEError) in try feed(raw) } }
        return try result.get()
    }

    /// The stream ended: returns whatever unterminated bytes remain (forwarded as they are).
    public mutating func finish() -> [UInt8] {
        reader.finish()
    }

    /// Whether a chunk may carry usage, a finish reason or an error.
    static func mayMatter(_ data: ArraySlice<UInt8>) -> Bool {
        contains(data, "\"usage\":{") || contains(data, "\"usage\": {") || contains(data, "\"finish_reason\":\"")
            || contains(data, "\"finish_reason\": \"") || contains(data, "\"error\"")
    }

    private static func contains(_ data: ArraySlice<UInt8>, _ needle: StaticString) -> Bool {
        let n = needle.utf8CodeUnitCount
        guard data.count >= n else { return false }
        return needle.withUTF8Buffer { pattern -> Bool in
            data.withUnsafeBufferPointer { hay -> Bool in
                let first = pattern[0]
                var i = 0
                let last = hay.count - n
                while i <= last {
                    if hay[i] == first {
                        var j = 1
                        while j < n && hay[i + j] == pattern[j] { j += 1 }
                        if j == n { return true }
                    }
                    i += 1
                }
                return false
            }
        }
    }

    private mutating func forward(_ block: SSEEvent) -> Bool {
        guard block.isEvent else { return true }
        if block.isDone {
            sawDone = true
            return true
        }
        events += 1
        // Most chunks are plain deltas: a byte search for the few members that matter is a
        // quarter of the cost of scanning the chunk. The first chunk is always scanned (model).
        if model != nil && !Self.mayMatter(block.data) { return true }
        guard let summary = try? OpenAIResponseSummary.scan(block.data) else { return true }
        if model == nil { model = summary.model }
        if let reason = summary.finishReason { finishReason = reason }
        if summary.hasError { sawError = true }
        if let chunkUsage = summary.usage { usage = chunkUsage }
        return !(stripUsage && summary.isUsageOnlyChunk)
    }
}
