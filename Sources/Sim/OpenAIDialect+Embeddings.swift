import Wire

extension OpenAIDialect {
    /// A `POST /v1/embeddings` request as the simulator needs it.
    struct EmbeddingsRequest: Sendable, Equatable {
        var model: String
        /// The texts; token-id inputs are turned into text by their numbers, which keeps them
        /// deterministic.
        var inputs: [String]
        var dimensions: Int?
        var base64 = false
    }

    /// Reads an embeddings request; rejects what OpenAI rejects, with its `param`.
    static func decodeEmbeddings(_ body: [UInt8]) throws(SimError) -> EmbeddingsRequest {
        guard let root = try? JSONValue.parse(body), root.object != nil else {
            throw SimError(.malformedJSON, message: "We could not parse the JSON body of your request.")
        }
        guard let model = root["model"]?.string, !model.isEmpty else {
            throw SimError(.missingParameter, message: "you must provide a model parameter", param: "model")
        }
        var request = EmbeddingsRequest(model: model, inputs: try embeddingInputs(root["input"]))
        if let value = root["dimensions"], !value.isNull {
            guard let count = value.int, (1...SimEmbedding.maxDimensions).contains(count) else {
                throw SimError.invalid("dimensions", "expected an integer between 1 and \(SimEmbedding.maxDimensions).")
            }
            request.dimensions = count
        }
        switch root["encoding_format"]?.string {
        case nil, "float"?: request.base64 = false
        case "base64"?: request.base64 = true
        case let other?:
            throw SimError.invalid("encoding_format", "expected 'float' or 'base64', but got '\(other)' instead.")
        }
        return request
    }

    private static func embeddingInputs(_ value: JSONValue?) throws(SimError) -> [String] {
        guard let value, !value.isNull else { throw SimError.missing("input") }
        if let text = value.string { return [text] }
        guard let elements = value.array, !elements.isEmpty else {
            throw SimError.invalid("input", "expected a string or a non-empty array of strings or tokens.")
        }
        if elements.allSatisfy({ $0.int != nil }) { return [elements.map(\.jsonText).joined(separator: " ")] }
        var inputs: [String] = []
        for element in elements {
            if let text = element.string {
                inputs.append(text)
            } else if let tokens = element.array, tokens.allSatisfy({ $0.int != nil }) {
                inputs.append(tokens.map(\.jsonText).joined(separator: " "))
            } else {
                throw SimError.invalid("input", "expected a string or a non-empty array of strings or tokens.")
            }
        }
        return inputs
    }

    /// The `list` object; usage is estimated from the inputs, as no tokenizer runs here.
    static func embeddingsBody(_ request: EmbeddingsRequest) -> [UInt8] {
        let dimensions = request.dimensions ?? SimEmbedding.openAIDimensions
        var writer = JSONWriter(capacity: 128 + request.inputs.count * dimensions * 12)
        writer.beginObject()
        writer.member("object", "list")
        writer.key("data")
        writer.beginArray()
        for (index, input) in request.inputs.enumerated() {
            let vector = SimEmbedding.vector(input, dimensions: dimensions)
            writer.beginObject()
            writer.member("object", "embedding")
            writer.member("index", index)
            writer.key("embedding")
            if request.base64 {
                writer.string(SimEmbedding.base64(vector))
            } else {
                SimEmbedding.writeValues(vector, to: &writer)
            }
            writer.endObject()
        }
        writer.endArray()
        writer.member("model", request.model)
        let tokens = request.inputs.reduce(0) { $0 + TokenEstimator.tokens(in: $1) }
        writer.key("usage")
        writer.beginObject()
        writer.member("prompt_tokens", tokens)
        writer.member("total_tokens", tokens)
        writer.endObject()
        writer.endObject()
        return writer.bytes
    }
}
