/// Token counts of one call as the provider reported them; the basis of cost and TPM settlement.
///
/// Canonical meaning (OpenAI's): `promptTokens` counts every input token, and `cachedTokens`
/// (read from the prompt cache) and `cacheCreationTokens` (written to it) are subsets of it, so
/// cost prices `promptTokens - cachedTokens - cacheCreationTokens` at the input rate and each
/// subset at its own, never twice. Anthropic's separate counts are summed into this form.
public struct Usage: Sendable, Equatable {
    public var promptTokens: Int
    public var completionTokens: Int
    public var totalTokens: Int
    /// Prompt tokens served from the provider's prompt cache (a subset of `promptTokens`).
    public var cachedTokens: Int
    /// Hidden reasoning tokens (a subset of `completionTokens`).
    public var reasoningTokens: Int
    /// Prompt tokens written to the provider's prompt cache (a subset of `promptTokens`).
    public var cacheCreationTokens: Int

    public init(
        promptTokens: Int = 0, completionTokens: Int = 0, totalTokens: Int? = nil,
        cachedTokens: Int = 0, reasoningTokens: Int = 0, cacheCreationTokens: Int = 0
    ) {
        self.cacheCreationTokens = cacheCreationTokens
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.totalTokens = totalTokens ?? promptTokens + completionTokens
        self.cachedTokens = cachedTokens
        self.reasoningTokens = reasoningTokens
    }

    /// The largest count taken from a provider's report: far above any real call, and low
    /// enough that the sums of a few counts here, and their cost downstream, cannot overflow.
    static let maxReportedCount = 1 << 40

    /// A count as a provider reported it, made safe to add up: negative counts (never
    /// meaningful) read as 0, and absurd ones as `maxReportedCount`.
    static func reported(_ count: Int) -> Int {
        min(max(count, 0), maxReportedCount)
    }

    /// Reads an OpenAI `usage` object (its `{` just returned by `scanner`) through its `}`.
    /// Missing, null or non-integer counts read as 0; see `reported` for the others.
    static func scanOpenAI(_ scanner: inout JSONScanner) throws(JSONError) -> Usage {
        var usage = Usage()
        var sawTotal = false
        while try scanner.next() == .key {
            if scanner.stringEquals("prompt_tokens") {
                usage.promptTokens = try readInt(&scanner)
            } else if scanner.stringEquals("completion_tokens") {
                usage.completionTokens = try readInt(&scanner)
            } else if scanner.stringEquals("total_tokens") {
                usage.totalTokens = try readInt(&scanner)
                sawTotal = true
            } else if scanner.stringEquals("prompt_tokens_details") {
                usage.cachedTokens = try readNestedInt("cached_tokens", &scanner)
            } else if scanner.stringEquals("completion_tokens_details") {
                usage.reasoningTokens = try readNestedInt("reasoning_tokens", &scanner)
            } else {
                try scanner.skipValue(startingWith: try scanner.next())
            }
        }
        if !sawTotal { usage.totalTokens = usage.promptTokens + usage.completionTokens }
        return usage
    }

    /// Reads the value after a key as a count.
    private static func readInt(_ scanner: inout JSONScanner) throws(JSONError) -> Int {
        let token = try scanner.next()
        guard token == .number else {
            try scanner.skipValue(startingWith: token)
            return 0
        }
        return reported(scanner.intValue() ?? 0)
    }

    /// Reads `key` from the object value after a key (a `*_details` object).
    private static func readNestedInt(_ key: StaticString, _ scanner: inout JSONScanner) throws(JSONError) -> Int {
        let token = try scanner.next()
        guard token == .objectStart else {
            try scanner.skipValue(startingWith: token)
            return 0
        }
        var value = 0
        while try scanner.next() == .key {
            if scanner.stringEquals(key) {
                value = try readInt(&scanner)
            } else {
                try scanner.skipValue(startingWith: try scanner.next())
            }
        }
        return value
    }
}
