// `Usage` to and from OpenAI's JSON shape, for the simulator and format translation.

extension Usage {
    /// Reads an OpenAI `usage` object value; nil when `value` is not an object.
    public init?(openAI value: JSONValue) {
        guard case .object = value else { return nil }
        self.init(
            promptTokens: Usage.reported(value["prompt_tokens"]?.int ?? 0),
            completionTokens: Usage.reported(value["completion_tokens"]?.int ?? 0),
            totalTokens: value["total_tokens"]?.int.map(Usage.reported),
            cachedTokens: Usage.reported(value["prompt_tokens_details"]?["cached_tokens"]?.int ?? 0),
            reasoningTokens: Usage.reported(value["completion_tokens_details"]?["reasoning_tokens"]?.int ?? 0)
        )
    }

    /// Writes the OpenAI `usage` object (details included) at the writer's position.
    public func writeOpenAI(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("prompt_tokens", promptTokens)
        writer.member("completion_tokens", completionTokens)
        writer.member("total_tokens", totalTokens)
        writer.key("prompt_tokens_details")
        writer.beginObject()
        writer.member("cached_tokens", cachedTokens)
        writer.endObject()
        writer.key("completion_tokens_details")
        writer.beginObject()
        writer.member("reasoning_tokens", reasoningTokens)
        writer.endObject()
        writer.endObject()
    }
}
