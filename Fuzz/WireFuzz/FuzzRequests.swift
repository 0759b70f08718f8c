/// Client request bodies: the OpenAI chat, OpenAI Responses and Anthropic decoders, and for what
/// decodes, the request encoders of every upstream dialect, as `ProviderAdapter` chains them for
/// a cross-dialect call.
enum FuzzRequests {
    static func check(_ input: [UInt8], rng: inout FuzzRandom) {
        if let request = try? OpenAIRequestDecoder.decode(input) { encodeEverywhere(request, rng: &rng) }
        if let request = try? ResponsesRequestDecoder.decode(input) { encodeEverywhere(request, rng: &rng) }
        // `count_tokens` bodies decode without `max_tokens`; messages bodies need it.
        if let request = try? AnthropicRequestDecoder.decode(input, requiresMaxTokens: rng.bool()) {
            encodeEverywhere(request, rng: &rng)
        }
        if let embeddings = try? GeminiEmbeddings(openAIRequest: input) {
            FuzzCheck.requireJSON(embeddings.geminiBody(upstreamModel: rng.pick(["text-embedding-004", "a/b:c?d"])),
                                  "GeminiEmbeddings.geminiBody")
        }
    }

    static func encodeEverywhere(_ decoded: ChatRequest, rng: inout FuzzRandom) {
        var request = decoded
        if !request.unsupported.isEmpty {
            // The gateway refuses such a request before encoding; the encoders refuse it too.
            precondition((try? AnthropicRequestEncoder.encode(request)) == nil, "Anthropic encoded an unsupported member")
            precondition((try? GeminiRequestEncoder().encode(request)) == nil, "Gemini encoded an unsupported member")
            // Encoded without them anyway, so the rest of such a request is covered as well.
            request.unsupported = []
        }
        // What `ProviderAdapter` changes before encoding.
        request.model = rng.pick([decoded.model, "upstream-model"])
        request.includeUsage = true
        for field in [OpenAIRequestEncoder.MaxTokensField.maxCompletionTokens, .maxTokens] {
            FuzzCheck.requireJSON(OpenAIRequestEncoder.encode(request, maxTokensField: field), "OpenAIRequestEncoder")
        }
        if let body = try? AnthropicRequestEncoder.encode(request) {
            FuzzCheck.requireJSON(body, "AnthropicRequestEncoder")
        }
        if let body = try? ResponsesRequestEncoder.encode(request) {
            FuzzCheck.requireJSON(body, "ResponsesRequestEncoder")
        }
        let options = GeminiRequestEncoder.Options(allowExternalImageURLs: rng.bool(),
                                                   placeholderSignature: rng.pick([nil, GeminiRequestEncoder.skipSignatureValidation]))
        let gemini = GeminiRequestEncoder(options: options)
        if let body = try? gemini.encode(request) { FuzzCheck.requireJSON(body, "GeminiRequestEncoder") }
        checkGeminiPath(gemini.path(for: request))
    }

    /// The model id is escaped so that it can never add path segments or a method of its own.
    static func checkGeminiPath(_ path: String) {
        let parts = path.utf8.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
        precondition(parts.count == 2, "the model added a ':' to \(path)")
        precondition(parts[0].filter { $0 == UInt8(ascii: "/") }.count == 3, "the model added a segment to \(path)")
        precondition(!parts[0].contains(UInt8(ascii: "?")), "the model added a query to \(path)")
    }
}
