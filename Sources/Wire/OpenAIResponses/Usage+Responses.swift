// `Usage` from a Responses API `usage` object.

extension Usage {
    /// Reads a `response.usage` object. The Responses counts have the canonical meaning already
    /// (cached and cache-write tokens are subsets of `input_tokens`, reasoning tokens of
    /// `output_tokens`), so they map one to one, as `ResponsesObject.writeUsage` writes them.
    /// Missing or non-integer counts read as 0; a missing total as input plus output.
    init(responses usage: JSONValue) {
        let input = usage["input_tokens"]?.int ?? 0
        let output = usage["output_tokens"]?.int ?? 0
        let inputDetails = usage["input_tokens_details"]
        self.init(promptTokens: input, completionTokens: output, totalTokens: usage["total_tokens"]?.int,
                  cachedTokens: inputDetails?["cached_tokens"]?.int ?? 0,
                  reasoningTokens: usage["output_tokens_details"]?["reasoning_tokens"]?.int ?? 0,
                  cacheCreationTokens: inputDetails?["cache_write_tokens"]?.int ?? 0)
    }
}
