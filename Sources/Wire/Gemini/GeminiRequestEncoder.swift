/// Writes a canonical `ChatRequest` as a Gemini `generateContent` body.
///
/// `streamGenerateContent` takes the same body; the model goes in the path (`path(for:)`).
/// What has no Gemini form: `user` (Gemini has no end-user field; dropped, it is metadata) and
/// `includeUsage` (Gemini always reports usage). Members listed in `unsupported` make the
/// request fail with `unsupportedMember`, as the canonical form requires.
public struct GeminiRequestEncoder: Sendable {
    /// What a deployment's Gemini endpoint accepts beyond the documented minimum.
    public struct Options: Sendable, Equatable {
        /// Whether the endpoint fetches arbitrary `https:` image URLs given as `fileData`.
        public var allowExternalImageURLs: Bool
        /// Sent as the `thoughtSignature` of a model turn's first `functionCall` when the
        /// conversation has none for it (history from another provider, or a client that dropped
        /// it). Gemini 3 answers such a turn with a 400 otherwise; Google documents this value
        /// as the one that skips the check. Nil sends nothing.
        public var placeholderSignature: String?

        public init(allowExternalImageURLs: Bool = false,
                    placeholderSignature: String? = GeminiRequestEncoder.skipSignatureValidation) {
            self.allowExternalImageURLs = allowExternalImageURLs
            self.placeholderSignature = placeholderSignature
        }
    }

    /// Google's documented stand-in signature for function calls Gemini did not produce.
    public static let skipSignatureValidation = "skip_thought_signature_validator"
    /// Gemini accepts at most this many `stopSequences`.
    public static let maxStopSequences = 5

    public var options: Options

    public init(options: Options = Options()) {
        self.options = options
    }

    /// The request path for `request` (its model, streamed or not).
    public func path(for request: ChatRequest) -> String {
        GeminiEndpoint.generateContentPath(model: request.model, stream: request.stream)
    }

    /// The JSON body.
    public func encode(_ request: ChatRequest) throws(GeminiCodecError) -> [UInt8] {
        guard request.unsupported.isEmpty else {
            throw GeminiCodecError(.unsupportedMember, "Gemini cannot express: "
                + request.unsupported.joined(separator: ", "))
        }
        guard request.stop.count <= Self.maxStopSequences else {
            throw GeminiCodecError(.tooManyStopSequences,
                                   "Gemini accepts at most \(Self.maxStopSequences) stop sequences, got \(request.stop.count)")
        }
        var writer = JSONWriter(capacity: 1024)
        writer.beginObject()
        writer.key("contents")
        try writeContents(request.messages, to: &writer)
        writeSystemInstruction(request.system, to: &writer)
        if !request.tools.isEmpty {
            try writeTools(request.tools, to: &writer)
            if let choice = request.toolChoice { writeToolConfig(choice, to: &writer) }
        }
        try writeGenerationConfig(request, to: &writer)
        writer.endObject()
        return writer.bytes
    }

    /// `systemInstruction` with one text part per instruction; omitted when there are none.
    private func writeSystemInstruction(_ system: [String], to writer: inout JSONWriter) {
        let texts = system.filter { !$0.isEmpty }
        guard !texts.isEmpty else { return }
        writer.key("systemInstruction")
        writer.beginObject()
        writer.key("parts")
        writer.beginArray()
        for text in texts {
            writer.beginObject()
            writer.member("text", text)
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
    }

    /// `generationConfig`; omitted when the request sets none of its members.
    private func writeGenerationConfig(_ request: ChatRequest, to writer: inout JSONWriter) throws(GeminiCodecError) {
        var config = JSONWriter(capacity: 128)
        config.beginObject()
        if let maxTokens = request.maxTokens { config.member("maxOutputTokens", maxTokens) }
        if !request.stop.isEmpty { config.member("stopSequences", request.stop) }
        if let temperature = request.temperature { config.member("temperature", temperature) }
        if let topP = request.topP { config.member("topP", topP) }
        try writeResponseFormat(request.responseFormat, to: &config)
        if let budget = request.thinkingBudget {
            config.key("thinkingConfig")
            config.beginObject()
            config.member("thinkingBudget", budget)
            // The caller asked for thinking, so it gets the thought summaries back.
            config.member("includeThoughts", budget != 0)
            config.endObject()
        }
        config.endObject()
        guard config.bytes.count > 2 else { return }
        writer.key("generationConfig")
        writer.raw(config.bytes)
    }

    private func writeResponseFormat(_ format: ResponseFormat?, to writer: inout JSONWriter) throws(GeminiCodecError) {
        switch format {
        case nil, .text?:
            return
        case .jsonObject?:
            writer.member("responseMimeType", "application/json")
        case .jsonSchema(let name, let schema, _)?:
            writer.member("responseMimeType", "application/json")
            let parsed = try Self.parseSchema(schema, what: "response format '\(name)'")
            writer.key("responseSchema")
            JSONValue.object(try GeminiSchema.convert(parsed, orderProperties: true)).write(to: &writer)
        }
    }

    /// Parses a schema's JSON text.
    static func parseSchema(_ text: String, what: String) throws(GeminiCodecError) -> JSONValue {
        do {
            return try JSONValue.parse(text)
        } catch {
            throw GeminiCodecError(.invalidSchema, "the schema of \(what) is not valid JSON: \(error.message)")
        }
    }
}
