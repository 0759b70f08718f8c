/// One blank-line-terminated block of a Server-Sent Events stream, parsed and raw.
public struct SSEEvent: Sendable, Equatable {
    /// The `event:` field, or nil when absent or empty (WHATWG then uses "message").
    public var name: String?
    /// The `data:` lines joined with "\n" (no trailing newline).
    public var data: ArraySlice<UInt8>
    /// The stream's last event ID when the block ended (WHATWG semantics: it persists).
    public var lastEventID: String
    /// The `retry:` value in milliseconds when this block set one.
    public var retry: Int?
    /// The block's original bytes, its terminating blank line included: forward these untouched.
    public var raw: [UInt8]
    /// The block's position in the whole stream (offsets count every byte fed).
    public var streamRange: Range<Int>
    /// False for a block WHATWG would not dispatch (no `data:` line: comments, keep-alives).
    /// Such blocks are reported only by a reader made with `reportsEmptyBlocks`.
    public var isEvent: Bool

    public init(
        name: String? = nil, data: ArraySlice<UInt8>, lastEventID: String = "", retry: Int? = nil,
        raw: [UInt8] = [], streamRange: Range<Int> = 0 ..< 0, isEvent: Bool = true
    ) {
        self.name = name
        self.data = data
        self.lastEventID = lastEventID
        self.retry = retry
        self.raw = raw
        self.streamRange = streamRange
        self.isEvent = isEvent
    }

    /// The data decoded as UTF-8 (invalid sequences become U+FFFD, as WHATWG decodes).
    public var text: String { String(decoding: data, as: UTF8.self) }

    /// Whether the data is OpenAI's end-of-stream marker `[DONE]`.
    public var isDone: Bool { data.withUnsafeBytes { $0.spells("[DONE]") } }
}
