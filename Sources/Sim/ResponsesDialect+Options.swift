import Wire

extension ResponsesDialect {
    static let functionToolMembers: Set<String> = [
        "type", "name", "description", "parameters", "strict", "defer_loading", "allowed_callers", "async", "output_schema",
    ]
    static let includables = [
        "file_search_call.results", "web_search_call.results", "web_search_call.action.sources",
        "message.input_image.image_url", "computer_call_output.output.image_url", "code_interpreter_call.outputs",
        "reasoning.encrypted_content", "message.output_text.logprobs",
    ]
    static let reasoningEfforts = ["none", "minimal", "low", "medium", "high", "xhigh", "max"]
    static let summaryKinds = ["auto", "concise", "detailed"]
    /// OpenAI's limits on `metadata`.
    static let maxMetadataPairs = 16, maxMetadataKey = 64, maxMetadataValue = 512

    /// `tools`, `tool_choice`, `text`, `reasoning`, `metadata` and `include`.
    static func readOptions(_ root: JSONObject, into request: inout Request) throws(SimError) {
        try readTools(root["tools"], into: &request)
        try readToolChoice(root["tool_choice"], into: &request)
        try readText(root["text"], into: &request)
        if let reasoning = present(root["reasoning"]) {
            let fields = try members(reasoning, "reasoning",
                                     known: ["effort", "summary", "generate_summary", "context", "mode"])
            let effort = try choice(fields["effort"], "reasoning.effort", reasoningEfforts)
            // `generate_summary` is the deprecated spelling of `summary`.
            let deprecated = try choice(fields["generate_summary"], "reasoning.generate_summary", summaryKinds)
            let summary = try choice(fields["summary"], "reasoning.summary", summaryKinds) ?? deprecated
            request.reasoning = ["effort": orNull(effort), "summary": orNull(summary)]
        }
        if let metadata = present(root["metadata"]) {
            try checkMetadata(metadata)
            request.metadata = metadata
        }
        if let include = present(root["include"]) {
            guard let values = include.array else { throw typeError("include", "an array", include) }
            for (index, value) in values.enumerated() {
                guard let name = value.string else { throw typeError("include[\(index)]", "a string", value) }
                guard includables.contains(name) else { throw invalidValue("include[\(index)]", name, includables) }
            }
        }
    }

    /// Flat function tools (`{"type":"function","name":…}`, not chat's nested `function`).
    /// Built-in tools (web search, file search, …) are refused: nothing here could run them.
    private static func readTools(_ value: JSONValue?, into request: inout Request) throws(SimError) {
        guard let value = present(value) else { return }
        guard let elements = value.array else { throw typeError("tools", "an array", value) }
        for (index, element) in elements.enumerated() {
            let param = "tools[\(index)]"
            guard element.object != nil else { throw typeError(param, "an object", element) }
            guard let type = try string(element["type"], "\(param).type") else { throw SimError.missing("\(param).type") }
            guard type == "function" else {
                throw SimError(.invalidParameter, message: "Invalid value: '\(type)'. The simulator offers function "
                    + "tools only.", param: "\(param).type", providerCode: "invalid_value")
            }
            let tool = try members(element, param, known: functionToolMembers)
            guard let name = try string(tool["name"], "\(param).name") else { throw SimError.missing("\(param).name") }
            guard isValidName(name) else {
                throw SimError.invalid("\(param).name", "string does not match pattern. Expected a string that "
                    + "matches the pattern '^[a-zA-Z0-9_-]{1,64}$'.")
            }
            let description = try string(tool["description"], "\(param).description")
            let parameters = present(tool["parameters"])
            if let parameters, parameters.object == nil { throw typeError("\(param).parameters", "an object", parameters) }
            // Responses function tools are strict unless the request says otherwise.
            let strict = try bool(tool["strict"], "\(param).strict") ?? true
            request.tools.append(["type": "function", "description": orNull(description),
                                  "name": .string(name), "parameters": parameters ?? .null, "strict": .bool(strict)])
            request.chat.tools.append(parameters.map { SimTool(name: name, schema: $0) } ?? SimTool(name: name))
        }
    }

    /// `none`, `auto`, `required`, or `{"type":"function","name":…}` naming a declared function.
    private static func readToolChoice(_ value: JSONValue?, into request: inout Request) throws(SimError) {
        guard let value = present(value) else { return }
        if let mode = value.string {
            request.chat.toolChoice = switch mode {
            case "none": .none
            case "auto": .auto
            case "required": .required
            default: throw invalidValue("tool_choice", mode, ["none", "auto", "required"])
            }
            request.toolChoice = value
            return
        }
        guard value.object != nil else { throw typeError("tool_choice", "a string or an object", value) }
        guard let type = try string(value["type"], "tool_choice.type") else { throw SimError.missing("tool_choice.type") }
        guard type == "function" else { throw invalidValue("tool_choice.type", type, ["function"]) }
        let fields = try members(value, "tool_choice", known: ["type", "name"])
        guard let name = try string(fields["name"], "tool_choice.name") else { throw SimError.missing("tool_choice.name") }
        guard request.chat.tools.contains(where: { $0.name == name }) else {
            throw SimError(.invalidParameter, message: "Tool choice '\(name)' not found in 'tools' parameter.",
                           param: "tool_choice")
        }
        request.chat.toolChoice = .tool(name)
        request.toolChoice = ["type": "function", "name": .string(name)]
    }

    /// `text.format` (`text`, `json_object`, `json_schema`) and `text.verbosity`. JSON modes
    /// leave the generated content as it is, as in the simulator's other dialects; `json_object`
    /// needs the word "json" in the input, as OpenAI insists.
    private static func readText(_ value: JSONValue?, into request: inout Request) throws(SimError) {
        guard let value = present(value) else { return }
        let text = try members(value, "text", known: ["format", "verbosity"])
        let verbosity = try choice(text["verbosity"], "text.verbosity", ["low", "medium", "high"]) ?? "medium"
        var format: JSONValue = ["type": "text"]
        if let given = present(text["format"]) {
            guard given.object != nil else { throw typeError("text.format", "an object", given) }
            guard let type = try string(given["type"], "text.format.type") else {
                throw SimError.missing("text.format.type")
            }
            switch type {
            case "text":
                _ = try members(given, "text.format", known: ["type"])
            case "json_object":
                _ = try members(given, "text.format", known: ["type"])
                format = ["type": "json_object"]
                guard request.chat.messages.contains(where: { $0.text.lowercased().contains("json") }) else {
                    throw SimError(.invalidParameter, message: "Response input messages must contain the word "
                        + "'json' in some form to use 'text.format' of type 'json_object'.", param: "input")
                }
            case "json_schema":
                format = try jsonSchemaFormat(given)
            default:
                throw invalidValue("text.format.type", type, ["text", "json_object", "json_schema"])
            }
        }
        request.text = ["format": format, "verbosity": .string(verbosity)]
    }

    private static func jsonSchemaFormat(_ given: JSONValue) throws(SimError) -> JSONValue {
        let fields = try members(given, "text.format", known: ["type", "name", "schema", "description", "strict"])
        guard let name = try string(fields["name"], "text.format.name") else { throw SimError.missing("text.format.name") }
        guard isValidName(name) else {
            throw SimError.invalid("text.format.name", "string does not match pattern. Expected a string that "
                + "matches the pattern '^[a-zA-Z0-9_-]{1,64}$'.")
        }
        guard let schema = present(fields["schema"]) else { throw SimError.missing("text.format.schema") }
        guard schema.object != nil else { throw typeError("text.format.schema", "an object", schema) }
        let description = try string(fields["description"], "text.format.description")
        let strict = try bool(fields["strict"], "text.format.strict") ?? false
        return ["type": "json_schema", "description": orNull(description), "name": .string(name),
                "schema": schema, "strict": .bool(strict)]
    }

    /// At most 16 string pairs, keys up to 64 characters, values up to 512.
    private static func checkMetadata(_ value: JSONValue) throws(SimError) {
        guard let pairs = value.object else { throw typeError("metadata", "an object", value) }
        guard pairs.count <= maxMetadataPairs else {
            throw SimError.invalid("metadata", "too many properties. Expected an object with at most "
                + "\(maxMetadataPairs) properties, but got an object with \(pairs.count) properties instead.")
        }
        for pair in pairs {
            guard pair.key.count <= maxMetadataKey else {
                throw SimError.invalid("metadata", "key too long. Expected a key of at most \(maxMetadataKey) "
                    + "characters, but got '\(pair.key)' instead.")
            }
            guard let text = pair.value.string else { throw typeError("metadata.\(pair.key)", "a string", pair.value) }
            guard text.count <= maxMetadataValue else {
                throw SimError.invalid("metadata.\(pair.key)", "string too long. Expected a string with maximum "
                    + "length \(maxMetadataValue), but got a string with length \(text.count) instead.")
            }
        }
    }

    static func orNull(_ text: String?) -> JSONValue {
        text.map(JSONValue.string) ?? .null
    }

    /// Function and schema names: 1 to 64 of `a-z A-Z 0-9 _ -`.
    static func isValidName(_ name: String) -> Bool {
        (1...64).contains(name.utf8.count) && name.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == 0x5F || byte == 0x2D
        }
    }
}
