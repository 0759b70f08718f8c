import Wire

extension GeminiDialect {
    /// The Gemini stop-sequence limit.
    static let maxStopSequences = 5

    static func readGenerationConfig(_ value: JSONValue, into request: inout Request) throws(SimError) {
        let config = try fields(value, at: "generation_config", known: generationConfigFields)
        if let limit = config["maxOutputTokens"] {
            guard let count = limit.int, count >= 1 else {
                throw invalid("generation_config.max_output_tokens", "must be a positive integer")
            }
            request.chat.maxTokens = count
        }
        if let stops = config["stopSequences"]?.array, stops.count > maxStopSequences {
            throw invalid("generation_config.stop_sequences", "The number of stop sequences must not exceed 5.")
        }
        if let temperature = config["temperature"]?.double, !(0...2).contains(temperature) {
            throw invalid("generation_config.temperature", "must be between 0 and 2")
        }
        if let schema = config["responseSchema"] { try checkSchema(schema, at: "generation_config.response_schema") }
        if let thinking = config["thinkingConfig"] {
            let fields = try fields(thinking, at: "generation_config.thinking_config", known: thinkingConfigFields)
            request.includeThoughts = fields["includeThoughts"]?.bool ?? false
        }
    }

    /// The declared functions, their `parameters` checked as Gemini checks them and turned back
    /// into JSON Schema (lower-case types) for the tool planner.
    static func readTools(_ value: JSONValue) throws(SimError) -> [SimTool] {
        guard let tools = value.array else { throw invalid("tools", "must be a list") }
        var result: [SimTool] = []
        for (index, tool) in tools.enumerated() {
            let path = "tools[\(index)]"
            let fields = try fields(tool, at: path, known: toolFields)
            for (number, declaration) in (fields["functionDeclarations"]?.array ?? []).enumerated() {
                let at = "\(path).function_declarations[\(number)]"
                let function = try self.fields(declaration, at: at, known: declarationFields)
                guard let name = function["name"]?.string, !name.isEmpty else {
                    throw invalid("\(at).name", "Name cannot be empty.")
                }
                if let parameters = function["parameters"] {
                    try checkSchema(parameters, at: "\(at).parameters")
                    result.append(SimTool(name: name, schema: jsonSchema(parameters)))
                } else if let schema = function["parametersJsonSchema"] {
                    result.append(SimTool(name: name, schema: schema))
                } else {
                    result.append(SimTool(name: name))
                }
            }
        }
        return result
    }

    /// `functionCallingConfig.mode`: AUTO (and VALIDATED), NONE, ANY; ANY with one allowed name
    /// forces that function.
    static func readToolConfig(_ value: JSONValue) throws(SimError) -> SimTool.Choice {
        let config = try fields(value, at: "tool_config", known: toolConfigFields)
        guard let calling = config["functionCallingConfig"] else { return .auto }
        let fields = try fields(calling, at: "tool_config.function_calling_config", known: callingConfigFields)
        let allowed = (fields["allowedFunctionNames"]?.array ?? []).compactMap(\.string)
        switch fields["mode"]?.string?.uppercased() ?? "AUTO" {
        case "AUTO", "VALIDATED", "MODE_UNSPECIFIED": return .auto
        case "NONE": return .none
        case "ANY": return allowed.count == 1 ? .tool(allowed[0]) : .required
        case let other:
            throw SimError(.invalidParameter, message: "Invalid value at 'tool_config.function_calling_config.mode' "
                + "(type.googleapis.com/google.ai.generativelanguage.v1beta.FunctionCallingConfig.Mode), \"\(other)\"")
        }
    }
}
