// `tools`, `tool_choice`, `text` and `reasoning` → canonical.

extension ResponsesRequestDecoder {
    /// Function tools, flat (`{type, name, description, parameters, strict}`, not nested under
    /// `function` as in chat). Hosted tools (`web_search`, `file_search`, `code_interpreter`,
    /// `computer_use_preview`, `mcp`, `image_generation`, …) run inside OpenAI and `custom` tools
    /// take free-form grammar input; none has a canonical form, so each is refused by type.
    /// `strict` is type-checked and dropped, as the chat decoder does.
    static func tools(_ value: JSONValue) throws(OpenAIDecodeError) -> [ToolDefinition] {
        guard let elements = value.array else { throw .type("tools", "an array") }
        var tools: [ToolDefinition] = []
        for (i, element) in elements.enumerated() {
            let path = "tools[\(i)]"
            guard element.object != nil else { throw .type(path, "an object") }
            let type = try requiredString(element, "type", at: path)
            guard type == "function" else {
                throw .unsupported(path + ".type", "'\(type)' tools are not supported: the gateway translates only "
                    + "function tools.")
            }
            var tool = ToolDefinition(name: try requiredString(element, "name", at: path))
            if let description = member(element, "description") {
                tool.description = try string(description, path + ".description")
            }
            if let parameters = member(element, "parameters") {
                guard parameters.object != nil else { throw .type(path + ".parameters", "an object") }
                tool.parameters = parameters.jsonText
            }
            if let strict = member(element, "strict") { _ = try bool(strict, path + ".strict") }
            tools.append(tool)
        }
        return tools
    }

    /// `auto`, `none`, `required`, or `{type: "function", name}`. Choices of hosted tools,
    /// `allowed_tools`, `mcp` and `custom` have no canonical form.
    static func toolChoice(_ value: JSONValue) throws(OpenAIDecodeError) -> ToolChoice {
        if let mode = value.string {
            switch mode {
            case "auto": return .auto
            case "none": return ToolChoice.none
            case "required": return .required
            default: throw .value("tool_choice", "'\(mode)' is not one of auto, none, required")
            }
        }
        guard value.object != nil else { throw .type("tool_choice", "a string or an object") }
        let type = try requiredString(value, "type", at: "tool_choice")
        guard type == "function" else {
            throw .unsupported("tool_choice.type", "A '\(type)' tool choice is not supported: only auto, none, "
                + "required or a named function can be translated.")
        }
        return .tool(try requiredString(value, "name", at: "tool_choice"))
    }

    /// `text.format`: `text`, `json_object`, or `json_schema` with its members flat beside
    /// `type` (chat nests them under `json_schema`); its `description` only documents the schema.
    /// `text.verbosity` is a hint and is dropped. Nil when no format is given.
    static func textFormat(_ value: JSONValue) throws(OpenAIDecodeError) -> ResponseFormat? {
        guard value.object != nil else { throw .type("text", "an object") }
        if let verbosity = member(value, "verbosity") { _ = try string(verbosity, "text.verbosity") }
        guard let format = member(value, "format") else { return nil }
        guard format.object != nil else { throw .type("text.format", "an object") }
        switch try requiredString(format, "type", at: "text.format") {
        case "text":
            return .text
        case "json_object":
            return .jsonObject
        case "json_schema":
            let name = try requiredString(format, "name", at: "text.format")
            guard let schema = member(format, "schema") else { throw .missing("text.format.schema") }
            guard schema.object != nil else { throw .type("text.format.schema", "an object") }
            var strict = false
            if let value = member(format, "strict") { strict = try bool(value, "text.format.strict") }
            return .jsonSchema(name: name, schema: schema.jsonText, strict: strict)
        case let other:
            throw .value("text.format.type", "'\(other)' is not one of text, json_object, json_schema")
        }
    }

    /// `reasoning.effort`, mapped as chat's `reasoning_effort` is. `summary` (and the older
    /// `generate_summary`) only ask for summaries, which this gateway gives whenever the
    /// upstream returns thinking.
    static func reasoningBudget(_ value: JSONValue) throws(OpenAIDecodeError) -> Int? {
        guard value.object != nil else { throw .type("reasoning", "an object") }
        for key in ["summary", "generate_summary"] {
            if let summary = member(value, key) { _ = try string(summary, "reasoning." + key) }
        }
        guard let effortValue = member(value, "effort") else { return nil }
        let text = try string(effortValue, "reasoning.effort")
        guard let effort = OpenAIReasoningEffort(rawValue: text) else {
            throw .value("reasoning.effort", "expected one of none, minimal, low, medium, high, xhigh")
        }
        return effort.thinkingBudget
    }
}
