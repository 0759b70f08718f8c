// `Usage` from a Responses API `usage` object.

extension Usage {
    /// Reads a `response.usage` object. The Responses counts have the canonical meaning already
    /// (cached and cache-write tokens are subsets of `input_tokens`, reasoning tokens of
    /// `output_tokens`), so they map one to one, as `ResponsesObject.writeUsage` writes them.
    /// Missing or non-integer counts read as 0; a missing total as input plus output; see
    /// `Usage.reported` for the others.
    init(responses usage: JSONValue) {
        let count = { (value: JSONValue?) in value?.int.map(Usage.reported) }
        let input = count(usage["input_tokens"]) ?? 0
        let output = count(usage["output_tokens"]) ?? 0
        let inputDetails = usage["input_tokens_details"]
        self.init(promptTokens: input, completionTokens: output, totalTokens: count(usage["total_tokens"]),
                  cachedTokens: count(inputDetails?["cached_tokens"]) ?? 0,
                  reasoningTokens: count(usage["output_tokens_details"]?["reasoning_tokens"]) ?? 0,
                  cacheCreationTokens: count(inputDetails?["cache_write_tokens"]) ?? 0)
    }
}
