// `tools` and `tool_choice`.

extension AnthropicRequestDecoder {
    /// Client tools become canonical definitions; server tools (`web_search_…`, `bash_…`: any
    /// `type` other than `custom`) run at Anthropic and have no canonical form.
    static func tools(_ value: JSONValue, unsupported: inout [String]) throws(AnthropicCodecError)
        -> [ToolDefinition] {
        var tools: [ToolDefinition] = []
        for (index, tool) in (try AnthropicParams.array(value, "tools") ?? []).enumerated() {
            let path = "tools.\(index)"
            guard tool.object != nil else { throw .invalid(path, "Input should be a valid dictionary") }
            if let type = try AnthropicParams.string(tool["type"], path + ".type"), type != "custom" {
                unsupported.append(path)
                continue
            }
            let name = try AnthropicParams.requiredString(tool["name"], path + ".name")
            guard let schema = try AnthropicParams.object(tool["input_schema"], path + ".input_schema") else {
                throw .missing(path + ".input_schema")
            }
            let description = try AnthropicParams.string(tool["description"], path + ".description")
            tools.append(ToolDefinition(name: name, description: description,
                                        parameters: JSONValue.object(schema).jsonText))
        }
        return tools
    }

    /// `auto`, `any` (canonical `required`), `tool` with a name, `none`. Turning parallel calls
    /// off has no canonical form.
    static func toolChoice(_ value: JSONValue, unsupported: inout [String]) throws(AnthropicCodecError)
        -> ToolChoice? {
        guard let value = AnthropicParams.present(value) else { return nil }
        let choice: ToolChoice
        switch try AnthropicParams.type(of: value, "tool_choice") {
        case "auto": choice = .auto
        case "any": choice = .required
        case "none": choice = .none
        case "tool": choice = .tool(try AnthropicParams.requiredString(value["name"], "tool_choice.name"))
        default:
            throw .invalid("tool_choice.type", "Input should be 'auto', 'any', 'tool' or 'none'")
        }
        if try AnthropicParams.bool(value["disable_parallel_tool_use"], "tool_choice.disable_parallel_tool_use")
            == true {
            unsupported.append("tool_choice.disable_parallel_tool_use")
        }
        return choice
    }
}
