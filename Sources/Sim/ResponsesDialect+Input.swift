import Wire

extension ResponsesDialect {
    static let messageRoles = ["user", "assistant", "system", "developer"]
    /// Input item types the simulator reads; a conversation replayed from earlier answers holds
    /// no others unless it used built-in tools, which the simulator does not offer.
    static let itemTypes = ["message", "function_call", "function_call_output", "reasoning", "item_reference"]
    /// Content part types of user, system and developer messages.
    static let inputPartTypes = ["input_text", "input_image", "input_file", "input_audio", "output_text"]
    /// OpenAI refuses input parts in an assistant message: it holds what a model wrote.
    static let assistantPartTypes = ["output_text", "refusal"]

    /// `input` as chat messages: a string is one user message; items map as a chat client
    /// would send the same conversation, so the content and tool calls come out the same:
    /// a `function_call` joins the assistant message before it (one message with tool calls, as
    /// in chat), a `function_call_output` is a "tool" message, and `reasoning` items carry nothing
    /// the answer depends on.
    static func inputMessages(_ value: JSONValue?) throws(SimError) -> [SimChatRequest.Message] {
        guard let value = present(value) else { throw SimError.missing("input") }
        if let text = value.string { return [.init(role: "user", text: text)] }
        guard let items = value.array else { throw typeError("input", "a string or an array of input items", value) }
        var messages: [SimChatRequest.Message] = []
        var assistantOpen = false
        for (index, item) in items.enumerated() {
            let param = "input[\(index)]"
            guard item.object != nil else { throw typeError(param, "an object", item) }
            // An "easy" message may leave out its type; an item reference may too.
            let type = try string(item["type"], "\(param).type")
                ?? (item["role"] != nil ? "message" : item["id"] != nil ? "item_reference" : nil)
            switch type {
            case "message"?:
                let role = try choice(item["role"], "\(param).role", messageRoles)
                guard let role else { throw SimError.missing("\(param).role") }
                let allowed = role == "assistant" ? assistantPartTypes : inputPartTypes
                let text = try contentText(item["content"], "\(param).content", allowed: allowed)
                messages.append(.init(role: role, text: text))
                assistantOpen = role == "assistant"
            case "function_call"?:
                for member in ["call_id", "name", "arguments"] {
                    guard try string(item[member], "\(param).\(member)") != nil else {
                        throw SimError.missing("\(param).\(member)")
                    }
                }
                if !assistantOpen { messages.append(.init(role: "assistant", text: "")) }
                assistantOpen = true
            case "function_call_output"?:
                guard try string(item["call_id"], "\(param).call_id") != nil else {
                    throw SimError.missing("\(param).call_id")
                }
                messages.append(.init(role: "tool", text: try outputText(item["output"], "\(param).output")))
                assistantOpen = false
            case "reasoning"?:
                continue
            case "item_reference"?:
                let id = try string(item["id"], "\(param).id") ?? ""
                throw SimError(.invalidParameter, message: "Item with id '\(id)' not found.", param: "\(param).id")
            case let other?:
                throw invalidValue("\(param).type", other, itemTypes)
            case nil:
                throw SimError.missing("\(param).type")
            }
        }
        return messages
    }

    /// A message's text: the string, or its text parts joined by newlines (images, files and
    /// audio carry no text the simulator reads).
    private static func contentText(_ value: JSONValue?, _ param: String, allowed: [String]) throws(SimError) -> String {
        guard let value = present(value) else { throw SimError.missing(param) }
        if let text = value.string { return text }
        guard let parts = value.array else { throw typeError(param, "a string or an array of content parts", value) }
        var texts: [String] = []
        for (index, part) in parts.enumerated() {
            let at = "\(param)[\(index)]"
            guard part.object != nil else { throw typeError(at, "an object", part) }
            guard let type = try string(part["type"], "\(at).type") else { throw SimError.missing("\(at).type") }
            // OpenAI names the part, not its `type` member, when the type does not fit the role.
            guard allowed.contains(type) else { throw invalidValue(at, type, allowed) }
            switch type {
            case "input_text", "output_text":
                guard let text = try string(part["text"], "\(at).text") else { throw SimError.missing("\(at).text") }
                texts.append(text)
            case "refusal":
                guard try string(part["refusal"], "\(at).refusal") != nil else { throw SimError.missing("\(at).refusal") }
            default:
                continue
            }
        }
        return texts.joined(separator: "\n")
    }

    /// A tool result: a string, or text, image and file parts of which the text is read.
    private static func outputText(_ value: JSONValue?, _ param: String) throws(SimError) -> String {
        guard let value = present(value) else { throw SimError.missing(param) }
        if let text = value.string { return text }
        guard value.array != nil else { throw typeError(param, "a string or an array of content parts", value) }
        return try contentText(value, param, allowed: ["input_text", "input_image", "input_file"])
    }
}
