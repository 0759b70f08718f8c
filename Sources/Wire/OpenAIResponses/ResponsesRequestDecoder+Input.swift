// `input` → canonical system instructions and turns.

extension ResponsesRequestDecoder {
    /// Walks `input` in order. Responses input is a flat list of items where chat has turns:
    /// consecutive assistant-side items (assistant messages, `function_call`, `reasoning`) form
    /// one assistant turn, and consecutive `function_call_output` items one user turn of tool
    /// results, as the chat decoder groups `tool` messages.
    struct InputReader {
        var system: [String] = []
        var messages: [ChatMessage] = []
        /// Function names by call id: an output item may omit `name`, Gemini needs it.
        private var callNames: [String: String] = [:]
        private enum Turn { case none, assistant, toolResults }
        /// What the last entry of `messages` was built from, so that the next item can join it.
        private var lastTurn = Turn.none

        mutating func read(_ input: JSONValue) throws(OpenAIDecodeError) {
            if let text = input.string {
                messages.append(ChatMessage(role: .user, parts: [.text(text)]))
                return
            }
            guard let items = input.array else { throw .type("input", "a string or an array of input items") }
            guard !items.isEmpty else { throw .value("input", "at least one input item is required") }
            for (i, item) in items.enumerated() {
                try read(item, at: "input[\(i)]")
            }
        }

        private mutating func read(_ item: JSONValue, at path: String) throws(OpenAIDecodeError) {
            guard item.object != nil else { throw .type(path, "an object") }
            // `type` may be left out of a message (the SDK's `EasyInputMessageParam`).
            var type = "message"
            if let value = member(item, "type") { type = try string(value, path + ".type") }
            switch type {
            case "message":
                try readMessage(item, at: path)
            case "function_call":
                let id = try requiredString(item, "call_id", at: path)
                let name = try requiredString(item, "name", at: path)
                let arguments = try requiredString(item, "arguments", at: path)
                callNames[id] = name
                appendAssistant([.toolCall(id: id, name: name, arguments: arguments)])
            case "function_call_output":
                try readToolResult(item, at: path)
            case "reasoning":
                try readReasoning(item, at: path)
            case "item_reference":
                throw .unsupported(path + ".type", "Item references are not supported: the gateway keeps no "
                    + "response state. Send the referenced items themselves.")
            default:
                throw .unsupported(path + ".type", "'\(type)' input items are not supported: only messages, "
                    + "function calls, function call outputs and reasoning can be translated.")
            }
        }

        private mutating func readMessage(_ item: JSONValue, at path: String) throws(OpenAIDecodeError) {
            let role = try requiredString(item, "role", at: path)
            guard let content = member(item, "content") else { throw .missing(path + ".content") }
            let contentPath = path + ".content"
            switch role {
            case "system", "developer":
                system += try texts(content, at: contentPath, allowed: ["input_text"])
            case "user":
                messages.append(ChatMessage(role: .user, parts: try userParts(content, at: contentPath)))
                lastTurn = .none
            case "assistant":
                // Empty text is dropped: Anthropic rejects empty text blocks.
                let texts = try texts(content, at: contentPath, allowed: ["output_text", "refusal", "input_text"])
                appendAssistant(texts.filter { !$0.isEmpty }.map { .text($0) })
            default:
                throw .value(path + ".role", "'\(role)' is not one of user, assistant, system, developer")
            }
        }

        private mutating func readToolResult(_ item: JSONValue, at path: String) throws(OpenAIDecodeError) {
            let id = try requiredString(item, "call_id", at: path)
            guard let output = member(item, "output") else { throw .missing(path + ".output") }
            var name = callNames[id]
            if let value = member(item, "name") { name = try string(value, path + ".name") }
            // Several text parts are one result; a newline keeps them from running together.
            let text = try texts(output, at: path + ".output", allowed: ["input_text"]).joined(separator: "\n")
            let part = ContentPart.toolResult(id: id, name: name, content: text, isError: false)
            if lastTurn == .toolResults {
                messages[messages.count - 1].parts.append(part)
            } else {
                messages.append(ChatMessage(role: .user, parts: [part]))
                lastTurn = .toolResults
            }
        }

        /// A reasoning item carries the model's thinking back only through `encrypted_content`,
        /// the opaque signature this gateway's encoders put there (an Anthropic thinking or
        /// Gemini thought signature); it becomes a signed thinking part, which those providers
        /// need back during tool use. Without it the item is skipped: a bare summary cannot be
        /// verified by any provider (Anthropic rejects unsigned thinking, OpenAI chat has no
        /// field for it) and the model does not need its own past reasoning to continue.
        private mutating func readReasoning(_ item: JSONValue, at path: String) throws(OpenAIDecodeError) {
            guard let encrypted = member(item, "encrypted_content") else { return }
            let signature = try string(encrypted, path + ".encrypted_content")
            guard !signature.isEmpty else { return }
            var text = ""
            if let summary = member(item, "summary") {
                text = try texts(summary, at: path + ".summary", allowed: ["summary_text"]).joined(separator: "\n\n")
            }
            appendAssistant([.thinking(text: text, signature: signature)])
        }

        /// Adds to the assistant turn in progress; nothing at all opens no turn, since an empty
        /// assistant turn is invalid at Anthropic.
        private mutating func appendAssistant(_ parts: [ContentPart]) {
            guard !parts.isEmpty else { return }
            if lastTurn == .assistant {
                messages[messages.count - 1].parts += parts
            } else {
                messages.append(ChatMessage(role: .assistant, parts: parts))
                lastTurn = .assistant
            }
        }

        /// A string, or an array of parts whose types are all in `allowed`, each holding its
        /// text in `text` (or `refusal` for refusal parts).
        private func texts(_ content: JSONValue, at path: String, allowed: Set<String>) throws(OpenAIDecodeError)
            -> [String] {
            if let text = content.string { return [text] }
            guard let parts = content.array else { throw .type(path, "a string or an array of content parts") }
            var result: [String] = []
            for (i, part) in parts.enumerated() {
                let partPath = "\(path)[\(i)]"
                let type = try partType(part, at: partPath)
                guard allowed.contains(type) else {
                    let expected = allowed.sorted().joined(separator: ", ")
                    throw .value(partPath + ".type", "'\(type)' parts are not allowed here (expected \(expected))")
                }
                result.append(try requiredString(part, type == "refusal" ? "refusal" : "text", at: partPath))
            }
            return result
        }

        private func userParts(_ content: JSONValue, at path: String) throws(OpenAIDecodeError) -> [ContentPart] {
            if let text = content.string { return [.text(text)] }
            guard let parts = content.array else { throw .type(path, "a string or an array of content parts") }
            var result: [ContentPart] = []
            for (i, part) in parts.enumerated() {
                let partPath = "\(path)[\(i)]"
                switch try partType(part, at: partPath) {
                case "input_text":
                    result.append(.text(try requiredString(part, "text", at: partPath)))
                case "input_image":
                    result.append(.image(try image(part, at: partPath)))
                case let other:
                    throw .unsupported(partPath + ".type", "'\(other)' content parts are not supported: only "
                        + "input_text and input_image can be translated.")
                }
            }
            return result
        }

        /// `image_url` as a URL or `data:` URL. `file_id` names a file uploaded to OpenAI, which
        /// no other provider can read; `detail` only tunes cost and is dropped.
        private func image(_ part: JSONValue, at path: String) throws(OpenAIDecodeError) -> ImageSource {
            if let url = member(part, "image_url") {
                return OpenAIRequestDecoder.imageSource(try string(url, path + ".image_url"))
            }
            if member(part, "file_id") != nil {
                throw .unsupported(path + ".file_id", "Images by 'file_id' are not supported: the gateway cannot "
                    + "read OpenAI's file storage. Send the image as 'image_url' (a URL or a data URL).")
            }
            throw .missing(path + ".image_url")
        }

        private func partType(_ part: JSONValue, at path: String) throws(OpenAIDecodeError) -> String {
            guard part.object != nil else { throw .type(path, "an object") }
            return try requiredString(part, "type", at: path)
        }
    }
}
