/// OpenAI's `/v1/embeddings` served by Gemini's `batchEmbedContents`, both ways.
///
/// The request becomes a `batchEmbedContents` body and Gemini's answer OpenAI's `list` object.
/// Gemini embeds text only, at most `maxBatch` inputs per call (a larger request is refused
/// rather than split: splitting is the caller's decision), and reports no token usage for
/// embeddings, so `usage` is estimated at four UTF-8 bytes per token unless Gemini sends
/// `usageMetadata`. `dimensions` becomes `outputDimensionality`; `user` has no Gemini form and
/// is dropped.
public struct GeminiEmbeddings: Sendable, Equatable {
    /// How OpenAI's response carries each vector.
    public enum EncodingFormat: String, Sendable, Equatable {
        /// A JSON array of numbers.
        case float
        /// Base64 of the little-endian float32 values (the openai SDKs ask for this by default).
        case base64
    }

    /// `batchEmbedContents` accepts at most this many requests.
    public static let maxBatch = 100

    /// The model the caller named, echoed in the response.
    public var model: String
    public var inputs: [String]
    public var dimensions: Int?
    public var encodingFormat: EncodingFormat

    public init(model: String, inputs: [String], dimensions: Int? = nil, encodingFormat: EncodingFormat = .float) {
        self.model = model
        self.inputs = inputs
        self.dimensions = dimensions
        self.encodingFormat = encodingFormat
    }

    /// Reads an OpenAI embeddings request body.
    public init(openAIRequest body: [UInt8]) throws(GeminiCodecError) {
        guard let root = try? JSONValue.parse(body), root.object != nil else {
            throw Self.invalid("the request body must be a JSON object")
        }
        guard let model = root["model"]?.string, !model.isEmpty else { throw Self.invalid("'model' must be a non-empty string") }
        let inputs: [String]
        switch root["input"] {
        case .string(let text)?:
            inputs = [text]
        case .array(let elements)? where !elements.isEmpty:
            let texts = elements.compactMap(\.string)
            guard texts.count == elements.count else {
                throw Self.invalid("'input' must be a string or an array of strings; Gemini does not embed token arrays")
            }
            inputs = texts
        default:
            throw Self.invalid("'input' must be a non-empty string or array of strings")
        }
        guard inputs.count <= Self.maxBatch else {
            throw Self.invalid("Gemini embeds at most \(Self.maxBatch) inputs per request, got \(inputs.count)")
        }
        guard !inputs.contains(where: \.isEmpty) else { throw Self.invalid("'input' must not contain empty strings") }
        var dimensions: Int?
        if let value = root["dimensions"], !value.isNull {
            guard let count = value.int, count > 0 else { throw Self.invalid("'dimensions' must be a positive integer") }
            dimensions = count
        }
        var format = EncodingFormat.float
        if let value = root["encoding_format"], !value.isNull {
            guard let name = value.string, let parsed = EncodingFormat(rawValue: name) else {
                throw Self.invalid("'encoding_format' must be 'float' or 'base64'")
            }
            format = parsed
        }
        self.init(model: model, inputs: inputs, dimensions: dimensions, encodingFormat: format)
    }

    /// The request path for the upstream model.
    public func path(upstreamModel: String) -> String {
        GeminiEndpoint.batchEmbedContentsPath(model: upstreamModel)
    }

    /// The `batchEmbedContents` body: one request per input, each naming the model, as Gemini
    /// requires.
    public func geminiBody(upstreamModel: String) -> [UInt8] {
        let resource = GeminiEndpoint.resourceName(upstreamModel)
        var writer = JSONWriter(capacity: 64 + inputs.reduce(0) { $0 + $1.utf8.count + resource.utf8.count + 64 })
        writer.beginObject()
        writer.key("requests")
        writer.beginArray()
        for input in inputs {
            writer.beginObject()
            writer.member("model", resource)
            writer.key("content")
            writer.beginObject()
            writer.key("parts")
            writer.beginArray()
            writer.beginObject()
            writer.member("text", input)
            writer.endObject()
            writer.endArray()
            writer.endObject()
            if let dimensions { writer.member("outputDimensionality", dimensions) }
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
        return writer.bytes
    }

    /// Prompt tokens estimated from the inputs: four UTF-8 bytes per token, rounded up per input.
    public var estimatedPromptTokens: Int {
        inputs.reduce(0) { $0 + ($1.utf8.count + 3) / 4 }
    }

    static func invalid(_ message: String) -> GeminiCodecError {
        GeminiCodecError(.invalidEmbeddingsRequest, message)
    }
}
