/// Watches a stream chunk's members, while it is validated, for anything the gateway notes:
/// a non-null `usage`, `error` or `finish_reason`.
///
/// Most chunks of a stream carry one delta and `null` for all three, and for those
/// `OpenAIResponseSummary` would find nothing; the relay then forwards them on validation alone.
/// The watch may flag a chunk that turns out plain (the names nested somewhere else, or a key
/// written with escapes), never the other way round.
public struct OpenAIChunkWatch: MemberWatch {
    public static var isWatching: Bool { true }

    /// A member was seen that the summary may note: the chunk needs `OpenAIResponseSummary`.
    public private(set) var needsSummary = false

    public init() {}

    public mutating func member(key: UnsafeRawBufferPointer, keyHasEscapes: Bool, valueFirstByte: UInt8) {
        // `n` starts only `null` (the scan rejects anything else), which carries no note.
        guard !needsSummary, valueFirstByte != UInt8(ascii: "n") else { return }
        if keyHasEscapes {
            // An escaped key may still spell one of the names; not worth decoding here.
            needsSummary = true
            return
        }
        switch key.count {
        case 5: needsSummary = key.spells("usage") || key.spells("error")
        case 13: needsSummary = key.spells("finish_reason")
        default: break
        }
    }
}
