/// What the gateway needs from an OpenAI chat completion or stream chunk, found in one pass.
public struct OpenAIResponseSummary: Sendable, Equatable {
    /// The top-level `model`, decoded.
    public var model: String?
    /// Bytes of the `model` value, quotes included (to splice a different name back in).
    public var modelRange: Range<Int>?
    /// The top-level `usage` object; nil when absent or null.
    public var usage: Usage?
    /// Elements of `choices`; nil when there is no `choices` array.
    public var choiceCount: Int?
    /// The first non-null `finish_reason` among the choices.
    public var finishReason: String?
    /// Whether the object carries a non-null top-level `error` (a provider error mid-stream).
    public var hasError = false

    public init() {}

    /// The final chunk OpenAI sends for `include_usage`: no choices, a usage object. The gateway
    /// strips it when the client did not ask for usage.
    public var isUsageOnlyChunk: Bool { choiceCount == 0 && usage != nil }

    /// Scans a completion object or a stream chunk's data.
    public static func scan(_ bytes: UnsafeRawBufferPointer) throws(JSONError) -> OpenAIResponseSummary {
        var scanner = JSONScanner(bytes)
        guard try scanner.next() == .objectStart else {
            throw JSONError(.notAnObject, at: scanner.tokenStart, "an OpenAI response must be a JSON object")
        }
        var summary = OpenAIResponseSummary()
        while try scanner.next() == .key {
            if scanner.stringEquals("model") {
                let token = try scanner.next()
                if token == .string {
                    summary.model = scanner.decodedString()
                    summary.modelRange = scanner.tokenStart ..< scanner.tokenEnd
                } else {
                    try scanner.skipValue(startingWith: token)
                }
            } else if scanner.stringEquals("usage") {
                let token = try scanner.next()
                if token == .objectStart {
                    summary.usage = try Usage.scanOpenAI(&scanner)
                } else {
                    try scanner.skipValue(startingWith: token)
                }
            } else if scanner.stringEquals("choices") {
                try summary.scanChoices(&scanner)
            } else if scanner.stringEquals("error") {
                let token = try scanner.next()
                summary.hasError = token != .null
                try scanner.skipValue(startingWith: token)
            } else {
                try scanner.skipValue(startingWith: try scanner.next())
            }
        }
        _ = try scanner.next() // Throws unless only whitespace follows.
        return summary
    }

    /// `scan` over an array's bytes.
    public static func scan(_ bytes: [UInt8]) throws(JSONError) -> OpenAIResponseSummary {
        try withBytes(bytes) { (raw) throws(JSONError) in try scan(raw) }
    }

    /// `scan` over an array slice's bytes (such as `SSEEvent.data`).
    public static func scan(_ bytes: ArraySlice<UInt8>) throws(JSONError) -> OpenAIResponseSummary {
        try withBytes(bytes) { (raw) throws(JSONError) in try scan(raw) }
    }

    /// Counts the choices (the value after the `choices` key) and picks up the first finish reason.
    private mutating func scanChoices(_ scanner: inout JSONScanner) throws(JSONError) {
        let token = try scanner.next()
        guard token == .arrayStart else {
            try scanner.skipValue(startingWith: token)
            return
        }
        var count = 0
        var element = try scanner.next()
        while element != .arrayEnd {
            count += 1
            guard element == .objectStart else {
                try scanner.skipValue(startingWith: element)
                element = try scanner.next()
                continue
            }
            while try scanner.next() == .key {
                let isFinishReason = scanner.stringEquals("finish_reason")
                let value = try scanner.next()
                if isFinishReason && value == .string && finishReason == nil {
                    finishReason = scanner.decodedString()
                }
                try scanner.skipValue(startingWith: value)
            }
            element = try scanner.next()
        }
        choiceCount = count
    }
}
