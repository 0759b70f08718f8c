// `Usage` to and from Anthropic's `usage` object.

extension Usage {
    /// Reads an Anthropic `usage` object: `promptTokens` is the sum of `input_tokens`,
    /// `cache_read_input_tokens` and `cache_creation_input_tokens`; nil when not an object.
    public init?(anthropic value: JSONValue) {
        guard case .object = value else { return nil }
        self = AnthropicUsageCounts(value).usage
    }

    /// Anthropic's `input_tokens`: the prompt tokens neither read from nor written to the cache.
    public var anthropicInputTokens: Int {
        max(0, promptTokens - cachedTokens - cacheCreationTokens)
    }

    /// Writes Anthropic's `usage` object, members in the order Anthropic sends them.
    public func writeAnthropic(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("input_tokens", anthropicInputTokens)
        writer.member("cache_creation_input_tokens", cacheCreationTokens)
        writer.member("cache_read_input_tokens", cachedTokens)
        writer.member("output_tokens", completionTokens)
        writer.endObject()
    }
}
