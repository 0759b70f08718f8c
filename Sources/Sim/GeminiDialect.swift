import Wire

/// Google's Gemini API as the simulator speaks it.
///
/// This file reads `generateContent` bodies, strictly, as Gemini does: unknown fields, bad roles,
/// empty parts and Gemini 3's missing thought signatures are 400s. The `+Response`, `+Stream`,
/// `+Errors` and `+Embeddings` files write the answers.
enum GeminiDialect {
    /// A `generateContent` request: the dialect-neutral chat plus what only Gemini answers need.
    struct Request: Sendable, Equatable {
        var chat: SimChatRequest
        /// `thinkingConfig.includeThoughts`: the answer starts with a thought summary.
        var includeThoughts = false
    }

    /// Reads a body for `model` (from the path).
    static func decode(_ body: [UInt8], model: String, stream: Bool) throws(SimError) -> Request {
        guard let root = try? JSONValue.parse(body) else { throw malformedJSON }
        let top = try fields(root, at: "", known: requestFields)
        guard let contents = top["contents"]?.array, !contents.isEmpty else {
            throw invalid("contents", "contents is not specified")
        }
        var chat = SimChatRequest(model: model, messages: [])
        chat.stream = stream
        if let system = top["systemInstruction"] {
            let texts = try content(system, at: "system_instruction", role: nil).compactMap(\.text)
            if !texts.isEmpty { chat.messages.append(.init(role: "system", text: texts.joined(separator: "\n"))) }
        }
        var turns: [[Part]] = []
        var roles: [String] = []
        for (index, value) in contents.enumerated() {
            let role = try fields(value, at: "contents[\(index)]", known: contentFields)["role"]?.string ?? "user"
            guard role == "user" || role == "model" else {
                throw SimError(.invalidParameter, message: "Please use a valid role: user, model.", param: "role")
            }
            let parts = try content(value, at: "contents[\(index)]", role: role)
            turns.append(parts)
            roles.append(role)
            chat.messages += messages(parts, role: role)
        }
        if model.hasPrefix("gemini-3") { try checkSignatures(turns, roles: roles) }
        var request = Request(chat: chat)
        if let config = top["generationConfig"] { try readGenerationConfig(config, into: &request) }
        if let tools = top["tools"] { request.chat.tools = try readTools(tools) }
        if let config = top["toolConfig"] { request.chat.toolChoice = try readToolConfig(config) }
        return request
    }

    /// One part, reduced to what the simulator uses.
    struct Part: Sendable, Equatable {
        var text: String?
        var thought = false
        var call: String?
        var callArguments = "{}"
        var signature: String?
        /// A function response's name and `response` JSON.
        var response: (name: String, json: String)?

        static func == (a: Part, b: Part) -> Bool {
            a.text == b.text && a.thought == b.thought && a.call == b.call && a.signature == b.signature
                && a.response?.name == b.response?.name && a.response?.json == b.response?.json
        }
    }

    /// The parts of a `Content`; `role` nil for `systemInstruction`, which takes text only.
    static func content(_ value: JSONValue, at path: String, role: String?) throws(SimError) -> [Part] {
        let content = try fields(value, at: path, known: contentFields)
        guard let parts = content["parts"]?.array, !parts.isEmpty else {
            throw invalid("\(path).parts", "contents.parts must not be empty.")
        }
        var result: [Part] = []
        for (index, value) in parts.enumerated() {
            result.append(try part(value, at: "\(path).parts[\(index)]"))
        }
        return result
    }

    private static func part(_ value: JSONValue, at path: String) throws(SimError) -> Part {
        let part = try fields(value, at: path, known: partFields)
        var result = Part(signature: part["thoughtSignature"]?.string)
        result.thought = part["thought"]?.bool ?? false
        if let text = part["text"] {
            guard let string = text.string else { throw invalid("\(path).text", "must be a string") }
            result.text = string
        } else if let call = part["functionCall"] {
            let fields = try fields(call, at: "\(path).function_call", known: functionCallFields)
            guard let name = fields["name"]?.string, !name.isEmpty else {
                throw invalid("\(path).function_call.name", "Name cannot be empty.")
            }
            result.call = name
            result.callArguments = fields["args"]?.jsonText ?? "{}"
        } else if let response = part["functionResponse"] {
            let fields = try fields(response, at: "\(path).function_response", known: functionResponseFields)
            guard let name = fields["name"]?.string, !name.isEmpty else {
                throw invalid("\(path).function_response.name", "Name cannot be empty.")
            }
            result.response = (name, fields["response"]?.jsonText ?? "{}")
        } else if let blob = part["inlineData"] {
            _ = try fields(blob, at: "\(path).inline_data", known: blobFields)
        } else if let file = part["fileData"] {
            _ = try fields(file, at: "\(path).file_data", known: fileDataFields)
        } else if part["executableCode"] == nil && part["codeExecutionResult"] == nil && result.signature == nil {
            throw invalid("\(path).data", "required oneof field 'data' must have one initialized field")
        }
        return result
    }

    /// The simulator's messages for one turn: text joins per run, function responses are
    /// `tool` messages (so the tool planner sees an agent loop's results), and the model's calls
    /// are written out as text so they count towards the prompt.
    static func messages(_ parts: [Part], role: String) -> [SimChatRequest.Message] {
        let simRole = role == "model" ? "assistant" : "user"
        var messages: [SimChatRequest.Message] = []
        func append(_ role: String, _ text: String) {
            if messages.last?.role == role, role != "tool" {
                messages[messages.count - 1].text += "\n" + text
            } else {
                messages.append(.init(role: role, text: text))
            }
        }
        for part in parts where !part.thought {
            if let text = part.text, !text.isEmpty { append(simRole, text) }
            if let call = part.call { append(simRole, call + part.callArguments) }
            if let response = part.response { append("tool", response.json) }
        }
        return messages
    }

    /// Gemini 3 refuses a turn whose function calls lost their signature: in every model turn
    /// since the last user text, the first `functionCall` part must carry its `thoughtSignature`.
    static func checkSignatures(_ turns: [[Part]], roles: [String]) throws(SimError) {
        let lastUserText = turns.indices.last { roles[$0] == "user" && turns[$0].contains { $0.text != nil } } ?? -1
        for index in turns.indices where index > lastUserText && roles[index] == "model" {
            guard let first = turns[index].first(where: { $0.call != nil }), first.signature?.isEmpty ?? true else {
                continue
            }
            throw SimError(.invalidParameter, message: "Function call is missing a thought_signature in functionCall "
                + "parts. This is required for tools to work correctly, and missing thought_signature may lead to "
                + "degraded model performance. Additional data, function call `default_api:\(first.call!)` , position "
                + "\(index + 1). Please refer to https://ai.google.dev/gemini-api/docs/thought-signatures for more details.")
        }
    }
}
