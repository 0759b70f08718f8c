// `tools`, `tool_choice` and `response_format` → canonical.

extension OpenAIRequestDecoder {
    /// Function tools; `custom` (free-form grammar) tools are unsupported. A function's `strict`
    /// flag is dropped: it asks OpenAI to enforce the schema, which other providers do anyway or
    /// cannot, and refusing every strict tool would refuse most agent frameworks.
    static func tools(_ value: JSONValue, unsupported: inout [String]) throws(OpenAIDecodeError) -> [ToolDefinition] {
        guard let elements = value.array else { throw .type("tools", "an array") }
        var tools: [ToolDefinition] = []
        for (i, element) in elements.enumerated() {
            let path = "tools[\(i)]"
            guard element.object != nil else { throw .type(path, "an object") }
            guard let typeValue = element["type"], !typeValue.isNull else { throw .missing(path + ".type") }
            guard try string(typeValue, path + ".type") == "function" else {
                unsupported.append(path)
                continue
            }
            guard let function = element["function"], !function.isNull else { throw .missing(path + ".function") }
            guard function.object != nil else { throw .type(path + ".function", "an object") }
            guard let name = function["name"], !name.isNull else { throw .missing(path + ".function.name") }
            var tool = ToolDefinition(name: try string(name, path + ".function.name"))
            if let description = function["description"], !description.isNull {
                tool.description = try string(description, path + ".function.description")
            }
            if let parameters = function["parameters"], !parameters.isNull {
                guard parameters.object != nil else { throw .type(path + ".function.parameters", "an object") }
                tool.parameters = parameters.jsonText
            }
            tools.append(tool)
        }
        return tools
    }

    /// `auto`, `none`, `required`, or one named function. `allowed_tools` and `custom` choices
    /// have no canonical form.
    static func toolChoice(_ value: JSONValue, unsupported: inout [String]) throws(OpenAIDecodeError) -> ToolChoice? {
        if let mode = value.string {
            switch mode {
            case "auto": return .auto
            case "none": return ToolChoice.none
            case "required": return .required
            default: throw .value("tool_choice", "'\(mode)' is not one of auto, none, required")
            }
        }
        guard value.object != nil else { throw .type("tool_choice", "a string or an object") }
        guard let type = value["type"], !type.isNull else { throw .missing("tool_choice.type") }
        guard try string(type, "tool_choice.type") == "function" else {
            unsupported.append("tool_choice")
            return nil
        }
        guard let name = value["function"]?["name"], !name.isNull else { throw .missing("tool_choice.function.name") }
        return .tool(try string(name, "tool_choice.function.name"))
    }

    /// `text`, `json_object`, or a named `json_schema` (its `description` only documents the
    /// schema and is dropped).
    static func responseFormat(_ value: JSONValue) throws(OpenAIDecodeError) -> ResponseFormat {
        guard value.object != nil else { throw .type("response_format", "an object") }
        guard let typeValue = value["type"], !typeValue.isNull else { throw .missing("response_format.type") }
        switch try string(typeValue, "response_format.type") {
        case "text":
            return .text
        case "json_object":
            return .jsonObject
        case "json_schema":
            guard let spec = value["json_schema"], !spec.isNull else { throw .missing("response_format.json_schema") }
            guard spec.object != nil else { throw .type("response_format.json_schema", "an object") }
            guard let name = spec["name"], !name.isNull else { throw .missing("response_format.json_schema.name") }
            var schema = "{}"
            if let value = spec["schema"], !value.isNull {
                guard value.object != nil else { throw .type("response_format.json_schema.schema", "an object") }
                schema = value.jsonText
            }
            var strict = false
            if let value = spec["strict"], !value.isNull {
                strict = try bool(value, "response_format.json_schema.strict")
            }
            return .jsonSchema(name: try string(name, "response_format.json_schema.name"), schema: schema, strict: strict)
        case let other:
            throw .value("response_format.type", "'\(other)' is not one of text, json_object, json_schema")
        }
    }
}
