import Wire

/// OpenAI's chat-completions wire format as the simulator speaks it: this file reads requests;
/// the `+Completion`, `+Stream`, `+Errors` and `+Models` files write the responses.
enum OpenAIDialect {
    /// Reads a `POST /v1/chat/completions` body; rejects what OpenAI rejects with the same
    /// status, `param` and `code`, for the fields the simulator understands.
    static func decodeChat(_ body: [UInt8]) throws(SimError) -> SimChatRequest {
        let root: JSONValue
        do {
            root = try JSONValue.parse(body)
        } catch {
            throw SimError(.malformedJSON, message: "We could not parse the JSON body of your request. "
                + "(HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API "
                + "expects a JSON payload, but what was sent was not valid JSON.)")
        }
        guard root.object != nil else {
            throw SimError(.malformedJSON, message: "The request body must be a JSON object.")
        }
        guard let modelValue = present(root["model"]) else {
            throw SimError(.missingParameter, message: "you must provide a model parameter", param: "model")
        }
        guard let model = modelValue.string, !model.isEmpty else {
            throw SimError.invalid("model", "expected a non-empty string.")
        }
        var request = SimChatRequest(model: model, messages: try messages(root["messages"]))
        request.stream = try bool(root["stream"], "stream") ?? false
        if let options = present(root["stream_options"]) {
            guard request.stream else {
                throw SimError(.invalidParameter, message: "The 'stream_options' parameter is only allowed "
                    + "when 'stream' is enabled.", param: "stream_options")
            }
            guard options.object != nil else { throw typeError("stream_options", "an object", options) }
            request.includeUsage = try bool(options["include_usage"], "stream_options.include_usage") ?? false
        }
        let limits = [try limit(root["max_tokens"], "max_tokens"),
                      try limit(root["max_completion_tokens"], "max_completion_tokens")]
        request.maxTokens = limits.compactMap { $0 }.min()
        request.tools = try tools(root["tools"])
        request.toolChoice = try toolChoice(root["tool_choice"])
        return request
    }

    private static func messages(_ value: JSONValue?) throws(SimError) -> [SimChatRequest.Message] {
        guard let value = present(value) else { throw SimError.missing("messages") }
        guard let elements = value.array else { throw typeError("messages", "an array of objects", value) }
        guard !elements.isEmpty else {
            throw SimError.invalid("messages", "empty array. Expected an array with minimum length 1, "
                + "but got an empty array instead.")
        }
        var messages: [SimChatRequest.Message] = []
        messages.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            let param = "messages[\(index)]"
            guard element.object != nil else { throw typeError(param, "an object", element) }
            guard let role = element["role"]?.string else { throw SimError.missing("\(param).role") }
            messages.append(.init(role: role, text: try text(element["content"], "\(param).content")))
        }
        return messages
    }

    /// A message's text: the string, or the `text` of its text parts joined by newlines (other
    /// parts such as images carry no text); absent or null content (tool calls) is empty.
    private static func text(_ value: JSONValue?, _ param: String) throws(SimError) -> String {
        guard let value = present(value) else { return "" }
        if let string = value.string { return string }
        guard let parts = value.array else { throw typeError(param, "a string or an array of parts", value) }
        var texts: [String] = []
        for part in parts {
            if part["type"]?.string == "text", let text = part["text"]?.string { texts.append(text) }
        }
        return texts.joined(separator: "\n")
    }

    private static func limit(_ value: JSONValue?, _ param: String) throws(SimError) -> Int? {
        guard let value = present(value) else { return nil }
        guard let count = value.int else { throw typeError(param, "an integer", value) }
        guard count >= 1 else {
            throw SimError.invalid(param, "integer below minimum value. Expected a value >= 1, but got "
                + "\(count) instead.")
        }
        return count
    }

    private static func bool(_ value: JSONValue?, _ param: String) throws(SimError) -> Bool? {
        guard let value = present(value) else { return nil }
        guard let flag = value.bool else { throw typeError(param, "a boolean", value) }
        return flag
    }

    /// The value unless it is absent or JSON `null`, which OpenAI treats alike.
    private static func present(_ value: JSONValue?) -> JSONValue? {
        guard let value, !value.isNull else { return nil }
        return value
    }

    private static func typeError(_ param: String, _ expected: String, _ got: JSONValue) -> SimError {
        SimError(.invalidParameter, message: "Invalid type for '\(param)': expected \(expected), but got "
            + "\(typeName(got)) instead.", param: param)
    }

    private static func typeName(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "a boolean"
        case .number(let n): n.int != nil ? "an integer" : "a decimal"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}
