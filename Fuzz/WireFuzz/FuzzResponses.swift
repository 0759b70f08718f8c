/// Whole upstream answers: the response decoders of each upstream dialect and, for what
/// decodes, the response encoders of every client dialect, as `WholeRelay` chains them; error
/// answers through each provider's error mapping; Gemini's embeddings answer.
enum FuzzResponses {
    static func check(_ input: [UInt8], rng: inout FuzzRandom) {
        var responses: [ChatResponse] = []
        if let response = try? OpenAIResponseDecoder.decode(input) { responses.append(response) }
        if let response = try? AnthropicResponseDecoder.decode(input) { responses.append(response) }
        if let response = try? GeminiResponseDecoder().decode(input, requestedModel: "gemini-2.5-flash") {
            responses.append(response)
        }
        if let response = try? ResponsesResponseDecoder.decode(input) { responses.append(response) }
        for response in responses {
            FuzzCheck.requireJSON(OpenAIResponseEncoder.encode(response, created: 1_700_000_000), "OpenAIResponseEncoder")
            // Throws for tool arguments that are not an object; the gateway answers 502 then.
            if let body = try? AnthropicResponseEncoder.encode(response) {
                FuzzCheck.requireJSON(body, "AnthropicResponseEncoder")
            }
            FuzzCheck.requireJSON(ResponsesResponseEncoder.encode(response, request: responsesRequest, created: 1_700_000_000),
                                  "ResponsesResponseEncoder")
        }
        checkErrors(input, rng: &rng)
        checkEmbeddings(input, rng: &rng)
    }

    /// The Responses API client's request, which its answer echoes (instructions, tools, limits).
    static let responsesRequest = ChatRequest(
        model: "gpt-4o", system: ["Be brief."], tools: [ToolDefinition(name: "get_weather")], toolChoice: .auto,
        maxTokens: 256, temperature: 0.5, user: "u-1", thinkingBudget: 4096)

    /// Any body may come with an error status; 200 is how a Gemini stream's error event arrives.
    static func checkErrors(_ input: [UInt8], rng: inout FuzzRandom) {
        let status = rng.pick([200, 400, 401, 403, 404, 408, 413, 429, 500, 503, 504, 529])
        let header = rng.pick([nil, "3", "0.25", "-1", "1e300", "Wed, 21 Oct 2015 07:28:00 GMT",
                               String(decoding: input.prefix(12), as: UTF8.self)])
        let errors = [
            OpenAIErrorMapping.providerError(status: status, body: input, retryAfter: header,
                                             retryAfterMs: rng.pick([nil, "1500", "1e300"])),
            OpenAIErrorMapping.providerError(streamChunk: input[...]),
            AnthropicErrorMapping.providerError(status: status, body: input, retryAfter: header),
            GeminiErrorMapping.providerError(status: status, body: input, retryAfter: header),
        ]
        for error in errors {
            FuzzCheck.requireJSON(OpenAIErrorMapping.encode(error).body, "OpenAIErrorMapping.encode")
            FuzzCheck.requireJSON(AnthropicErrorMapping.encode(error, requestID: "req_1"), "AnthropicErrorMapping.encode")
        }
    }

    /// The converter refuses an answer whose vector count differs from the request's inputs,
    /// so the request is made to match what the answer holds.
    static func checkEmbeddings(_ input: [UInt8], rng: inout FuzzRandom) {
        guard let read = try? input.withUnsafeBytes({ raw in
            try Result { () throws(JSONError) in try GeminiEmbeddings.vectors(raw) }.get()
        }) else { return }
        let embeddings = GeminiEmbeddings(model: "text-embedding-3-small",
                                          inputs: Array(repeating: "x", count: read.0.count),
                                          encodingFormat: rng.bool() ? .float : .base64)
        guard let body = try? embeddings.openAIResponse(fromGemini: input) else {
            preconditionFailure("an embeddings answer that reads does not convert")
        }
        FuzzCheck.requireJSON(body, "GeminiEmbeddings.openAIResponse")
    }
}
