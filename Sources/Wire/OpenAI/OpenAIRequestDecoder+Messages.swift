// `messages` → canonical system instructions and turns.

extension OpenAIRequestDecoder {
    /// Walks `messages` in order, keeping what tool results need from earlier turns.
    struct MessageReader {
        var system: [String] = []
        var messages: [ChatMessage] = []
        var unsupported: [String] = []
        /// Names of the calls made so far, by id: OpenAI `tool` messages carry only the id, but
        /// Gemini needs the function name with each result.
        private var callNames: [String: String] = [:]
        /// Whether the last turn in `messages` was built from `tool` messages, so that the next
        /// `tool` message joins it (the other dialects put all results of one step in one turn).
        private var lastIsToolTurn = false

        mutating func read(_ value: JSONValue) throws(OpenAIDecodeError) {
            guard let elements = value.array else { throw .type("messages", "an array") }
            guard !elements.isEmpty else { throw .value("messages", "at least one message is required") }
            for (i, element) in elements.enumerated() {
                try read(element, at: "messages[\(i)]")
            }
        }

        private mutating func read(_ message: JSONValue, at path: String) throws(OpenAIDecodeError) {
            guard message.object != nil else { throw .type(path, "an object") }
            guard let roleValue = message["role"], !roleValue.isNull else { throw .missing(path + ".role") }
            let role = try string(roleValue, path + ".role")
            // Not `flatMap { $0.isNull ? nil : $0 }`: `nil` there would be the literal `JSONValue.null`.
            var content = message["content"]
            if content?.isNull == true { content = Optional.none }
            switch role {
            case "system", "developer":
                guard let content else { throw .missing(path + ".content") }
                system += try texts(content, at: path + ".content")
            case "user":
                guard let content else { throw .missing(path + ".content") }
                append(ChatMessage(role: .user, parts: try userParts(content, at: path + ".content")))
            case "assistant":
                append(ChatMessage(role: .assistant, parts: try assistantParts(message, content, at: path)))
            case "tool":
                try readToolResult(message, content, at: path)
            case "function":
                // The legacy function-calling turn has no call id to tie its result to.
                unsupported.append(path + ".role")
            default:
                throw .value(path + ".role", "'\(role)' is not one of system, developer, user, assistant, tool")
            }
        }

        private mutating func append(_ message: ChatMessage) {
            messages.append(message)
            lastIsToolTurn = false
        }

        private mutating func readToolResult(_ message: JSONValue, _ content: JSONValue?,
                                             at path: String) throws(OpenAIDecodeError) {
            guard let idValue = message["tool_call_id"], !idValue.isNull else { throw .missing(path + ".tool_call_id") }
            let id = try string(idValue, path + ".tool_call_id")
            guard let content else { throw .missing(path + ".content") }
            // Several text parts are one result; a newline keeps them from running together.
            let text = try texts(content, at: path + ".content").joined(separator: "\n")
            let part = ContentPart.toolResult(id: id, name: callNames[id], content: text, isError: false)
            if lastIsToolTurn {
                messages[messages.count - 1].parts.append(part)
            } else {
                messages.append(ChatMessage(role: .user, parts: [part]))
                lastIsToolTurn = true
            }
        }

        /// A string, or an array of `text` parts (the only kind system and tool messages allow).
        private func texts(_ content: JSONValue, at path: String) throws(OpenAIDecodeError) -> [String] {
            if let text = content.string { return [text] }
            guard let parts = content.array else { throw .type(path, "a string or an array of content parts") }
            var result: [String] = []
            for (i, part) in parts.enumerated() {
                let partPath = "\(path)[\(i)]"
                guard try partType(part, at: partPath) == "text" else {
                    throw .value(partPath + ".type", "only text parts are allowed here")
                }
                result.append(try partText(part, at: partPath))
            }
            return result
        }

        private mutating func userParts(_ content: JSONValue, at path: String) throws(OpenAIDecodeError) -> [ContentPart] {
            if let text = content.string { return [.text(text)] }
            guard let parts = content.array else { throw .type(path, "a string or an array of content parts") }
            var result: [ContentPart] = []
            for (i, part) in parts.enumerated() {
                let partPath = "\(path)[\(i)]"
                switch try partType(part, at: partPath) {
                case "text":
                    result.append(.text(try partText(part, at: partPath)))
                case "image_url":
                    result.append(.image(try image(part, at: partPath)))
                case let other:
                    // `input_audio`, `file` and anything newer: the path names the payload member.
                    unsupported.append(partPath + "." + other)
                }
            }
            return result
        }

        private mutating func assistantParts(_ message: JSONValue, _ content: JSONValue?,
                                             at path: String) throws(OpenAIDecodeError) -> [ContentPart] {
            // Empty text is dropped: clients send `content: ""` beside tool calls, and Anthropic
            // rejects empty text blocks.
            var result: [ContentPart] = []
            if let content {
                if let text = content.string {
                    if !text.isEmpty { result.append(.text(text)) }
                } else if let parts = content.array {
                    for (i, part) in parts.enumerated() {
                        let partPath = "\(path).content[\(i)]"
                        switch try partType(part, at: partPath) {
                        case "text":
                            let text = try partText(part, at: partPath)
                            if !text.isEmpty { result.append(.text(text)) }
                        // A refusal in history is what the assistant said; the others read it as text.
                        case "refusal": result.append(.text(try string(part["refusal"] ?? .null, partPath + ".refusal")))
                        default: throw .value(partPath + ".type", "assistant content holds only text and refusal parts")
                        }
                    }
                } else {
                    throw .type(path + ".content", "a string, an array of content parts or null")
                }
            }
            if let refusal = message["refusal"], !refusal.isNull {
                result.append(.text(try string(refusal, path + ".refusal")))
            }
            if let calls = message["tool_calls"], !calls.isNull {
                guard let elements = calls.array else { throw .type(path + ".tool_calls", "an array") }
                for (i, call) in elements.enumerated() {
                    if let part = try toolCall(call, at: "\(path).tool_calls[\(i)]") { result.append(part) }
                }
            }
            for key in ["function_call", "audio"] where !(message[key]?.isNull ?? true) {
                unsupported.append(path + "." + key)
            }
            return result
        }

        private mutating func toolCall(_ call: JSONValue, at path: String) throws(OpenAIDecodeError) -> ContentPart? {
            guard call.object != nil else { throw .type(path, "an object") }
            if let type = call["type"], !type.isNull, try string(type, path + ".type") != "function" {
                unsupported.append(path) // `custom` (free-form) tools have no canonical form.
                return nil
            }
            guard let idValue = call["id"], !idValue.isNull else { throw .missing(path + ".id") }
            let id = try string(idValue, path + ".id")
            guard let function = call["function"], function.object != nil else { throw .missing(path + ".function") }
            guard let nameValue = function["name"], !nameValue.isNull else { throw .missing(path + ".function.name") }
            let name = try string(nameValue, path + ".function.name")
            let arguments: String
            switch function["arguments"] {
            case .string(let text)?: arguments = text
            case .none, .some(.null): arguments = "{}"
            // Some clients send the arguments object itself rather than its JSON text.
            case .object?: arguments = function["arguments"]!.jsonText
            default: throw .type(path + ".function.arguments", "a string")
            }
            callNames[id] = name
            return .toolCall(id: id, name: name, arguments: arguments)
        }

        private func partType(_ part: JSONValue, at path: String) throws(OpenAIDecodeError) -> String {
            guard part.object != nil else { throw .type(path, "an object") }
            guard let type = part["type"], !type.isNull else { throw .missing(path + ".type") }
            return try string(type, path + ".type")
        }

        private func partText(_ part: JSONValue, at path: String) throws(OpenAIDecodeError) -> String {
            guard let text = part["text"], !text.isNull else { throw .missing(path + ".text") }
            return try string(text, path + ".text")
        }

        /// `image_url.url`: a `data:` URL with base64 payload splits into media type and data;
        /// anything else stays a URL. `detail` has no canonical form and only tunes cost.
        private func image(_ part: JSONValue, at path: String) throws(OpenAIDecodeError) -> ImageSource {
            guard let image = part["image_url"], !image.isNull else { throw .missing(path + ".image_url") }
            // Early clients sent the URL string directly.
            let urlValue = image.string != nil ? image : image["url"] ?? .null
            guard !urlValue.isNull else { throw .missing(path + ".image_url.url") }
            let url = try string(urlValue, path + ".image_url.url")
            return OpenAIRequestDecoder.imageSource(url)
        }
    }

    /// Splits `data:<media type>;base64,<data>`; any other URL (or a non-base64 data URL) stays whole.
    static func imageSource(_ url: String) -> ImageSource {
        let utf8 = url.utf8
        guard utf8.starts(with: "data:".utf8),
              let comma = utf8.firstIndex(of: UInt8(ascii: ",")) else { return .url(url) }
        let header = url[url.index(url.startIndex, offsetBy: 5) ..< comma]
        guard header.hasSuffix(";base64") else { return .url(url) }
        let mediaType = header.dropLast(7)
        return .base64(mediaType: String(mediaType), data: String(url[url.index(after: comma)...]))
    }
}
