import Wire

extension GeminiDialect {
    /// `batchEmbedContents` takes at most this many requests.
    static let maxBatch = 100

    static let embedRequestFields: Set<String> = [
        "model", "content", "taskType", "title", "outputDimensionality", "autoTruncate",
    ]

    /// One `EmbedContentRequest`: its text and size. `model`, when present, must name the
    /// path's model, as Gemini requires.
    static func embedRequest(_ value: JSONValue, at path: String, model: String) throws(SimError) -> (text: String, dimensions: Int) {
        let request = try fields(value, at: path, known: embedRequestFields)
        if let named = request["model"]?.string, named != "models/" + model, named != model {
            throw SimError(.invalidParameter, message: "* BatchEmbedContentsRequest.\(path).model: Model must be the same "
                + "as the model in the request URL (models/\(model)).\n", param: "model")
        }
        guard let content = request["content"] else {
            throw SimError(.invalidParameter, message: "* EmbedContentRequest.content: content is not specified\n")
        }
        let texts = try self.content(content, at: "\(path).content", role: nil).compactMap(\.text)
        var dimensions = SimEmbedding.geminiDimensions
        if let value = request["outputDimensionality"] {
            guard let count = value.int, (1...SimEmbedding.maxDimensions).contains(count) else {
                throw SimError(.invalidParameter, message: "* EmbedContentRequest.output_dimensionality: must be between "
                    + "1 and \(SimEmbedding.maxDimensions)\n")
            }
            dimensions = count
        }
        return (texts.joined(separator: " "), dimensions)
    }

    /// `:embedContent` → `{"embedding":{"values":[…]}}`.
    static func embedContent(_ body: [UInt8], model: String) throws(SimError) -> [UInt8] {
        guard let root = try? JSONValue.parse(body) else { throw malformedJSON }
        let request = try embedRequest(root, at: "", model: model)
        var writer = JSONWriter(capacity: 16 + request.dimensions * 12)
        writer.beginObject()
        writer.key("embedding")
        writeEmbedding(SimEmbedding.vector(request.text, dimensions: request.dimensions), to: &writer)
        writer.endObject()
        return writer.bytes
    }

    /// `:batchEmbedContents` → `{"embeddings":[{"values":[…]},…]}`, in request order.
    static func batchEmbedContents(_ body: [UInt8], model: String) throws(SimError) -> [UInt8] {
        guard let root = try? JSONValue.parse(body) else { throw malformedJSON }
        let top = try fields(root, at: "", known: ["requests"])
        guard let requests = top["requests"]?.array, !requests.isEmpty else {
            throw SimError(.invalidParameter, message: "* BatchEmbedContentsRequest.requests: requests is not specified\n")
        }
        guard requests.count <= maxBatch else {
            throw SimError(.invalidParameter, message: "* BatchEmbedContentsRequest.requests: at most \(maxBatch) "
                + "requests can be in one batch\n")
        }
        var vectors: [[Float]] = []
        for (index, value) in requests.enumerated() {
            let request = try embedRequest(value, at: "requests[\(index)]", model: model)
            vectors.append(SimEmbedding.vector(request.text, dimensions: request.dimensions))
        }
        var writer = JSONWriter(capacity: 16 + vectors.reduce(0) { $0 + $1.count * 12 })
        writer.beginObject()
        writer.key("embeddings")
        writer.beginArray()
        for vector in vectors { writeEmbedding(vector, to: &writer) }
        writer.endArray()
        writer.endObject()
        return writer.bytes
    }

    private static func writeEmbedding(_ values: [Float], to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("values")
        SimEmbedding.writeValues(values, to: &writer)
        writer.endObject()
    }
}
