import Wire

/// A function a chat request declares, in the dialect-neutral form the tool planner reads.
struct SimTool: Sendable, Equatable {
    /// Whether the request lets, forbids or forces tool calls (OpenAI `tool_choice`, Anthropic
    /// `tool_choice`, Gemini `toolConfig`).
    enum Choice: Sendable, Equatable {
        case auto, none
        /// At least one call (OpenAI `required`, Anthropic `any`, Gemini `ANY`).
        case required
        /// Exactly this function.
        case tool(String)
    }

    var name: String
    /// The arguments' JSON Schema (OpenAI `parameters`, Anthropic `input_schema`).
    var schema: JSONValue

    init(name: String, schema: JSONValue = ["type": "object", "properties": [:]]) {
        self.name = name
        self.schema = schema
    }
}
