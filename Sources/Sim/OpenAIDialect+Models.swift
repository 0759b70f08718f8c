import Wire

extension OpenAIDialect {
    /// The `created` time listed for every simulated model; a fixed past date keeps lists stable.
    static let modelCreated = 1_715_367_049

    /// The `GET /v1/models` list object.
    static func modelList(_ ids: [String]) -> [UInt8] {
        var writer = JSONWriter(capacity: 64 + 96 * ids.count)
        writer.beginObject()
        writer.member("object", "list")
        writer.key("data")
        writer.beginArray()
        for id in ids { writeModel(id, to: &writer) }
        writer.endArray()
        writer.endObject()
        return writer.bytes
    }

    /// One model object, as `GET /v1/models/{id}` returns it.
    static func model(_ id: String) -> [UInt8] {
        var writer = JSONWriter(capacity: 96)
        writeModel(id, to: &writer)
        return writer.bytes
    }

    static func modelNotFound(_ id: Substring) -> SimError {
        SimError(.modelNotFound, status: 404,
                 message: "The model '\(id)' does not exist or you do not have access to it.")
    }

    private static func writeModel(_ id: String, to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("id", id)
        writer.member("object", "model")
        writer.member("created", modelCreated)
        writer.member("owned_by", "system")
        writer.endObject()
    }
}
