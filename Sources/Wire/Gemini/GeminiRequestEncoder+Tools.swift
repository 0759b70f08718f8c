// `tools[].functionDeclarations` and `toolConfig.functionCallingConfig`.

extension GeminiRequestEncoder {
    /// One `tools` entry holding every function; Gemini wants declarations grouped, not one
    /// tool object per function.
    func writeTools(_ tools: [ToolDefinition], to writer: inout JSONWriter) throws(GeminiCodecError) {
        writer.key("tools")
        writer.beginArray()
        writer.beginObject()
        writer.key("functionDeclarations")
        writer.beginArray()
        for tool in tools {
            writer.beginObject()
            writer.member("name", tool.name)
            if let description = tool.description, !description.isEmpty { writer.member("description", description) }
            if let parameters = try Self.parameters(of: tool) {
                writer.key("parameters")
                JSONValue.object(parameters).write(to: &writer)
            }
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
        writer.endArray()
    }

    /// The declaration's `parameters`, or nil for a function without any: Gemini rejects an
    /// OBJECT whose `properties` is empty ("should be non-empty for OBJECT type").
    static func parameters(of tool: ToolDefinition) throws(GeminiCodecError) -> JSONObject? {
        let schema = try parseSchema(tool.parameters, what: "tool '\(tool.name)'")
        var converted = try GeminiSchema.convert(schema)
        guard converted["properties"] != nil else { return nil }
        // Gemini requires the root to be an OBJECT; a schema with properties is one.
        converted["type"] = "OBJECT"
        return converted
    }

    /// `toolConfig`: `auto`/`none` map to AUTO/NONE, `required` to ANY, a named tool to ANY
    /// restricted to that name.
    func writeToolConfig(_ choice: ToolChoice, to writer: inout JSONWriter) {
        writer.key("toolConfig")
        writer.beginObject()
        writer.key("functionCallingConfig")
        writer.beginObject()
        switch choice {
        case .auto:
            writer.member("mode", "AUTO")
        case .none:
            writer.member("mode", "NONE")
        case .required:
            writer.member("mode", "ANY")
        case .tool(let name):
            writer.member("mode", "ANY")
            writer.key("allowedFunctionNames")
            writer.beginArray()
            writer.string(name)
            writer.endArray()
        }
        writer.endObject()
        writer.endObject()
    }
}
