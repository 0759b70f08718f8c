// Messages and their content blocks.

extension AnthropicRequestDecoder {
    /// One turn. `toolNames` maps each `tool_use` id seen so far to its tool, so a later
    /// `tool_result` (which names only the id) carries the name other dialects need.
    static func decodeMessage(_ value: JSONValue, path: String, toolNames: inout [String: String],
                              unsupported: inout [String]) throws(AnthropicCodecError) -> ChatMessage {
        guard value.object != nil else { throw .invalid(path, "Input should be a valid dictionary") }
        let roleText = try AnthropicParams.requiredString(value["role"], path + ".role")
        guard let role = ChatMessage.Role(rawValue: roleText) else {
            throw .invalid(path + ".role", "Input should be 'user' or 'assistant'")
        }
        guard let content = AnthropicParams.present(value["content"]) else { throw .missing(path + ".content") }
        if let text = content.string { return ChatMessage(role: role, parts: [.text(text)]) }
        guard let blocks = content.array else {
            throw .invalid(path + ".content", "Input should be a valid string or list")
        }
        var parts: [ContentPart] = []
        parts.reserveCapacity(blocks.count)
        for (index, block) in blocks.enumerated() {
            let blockPath = "\(path).content.\(index)"
            if let part = try decodeBlock(block, path: blockPath, toolNames: &toolNames, unsupported: &unsupported) {
                parts.append(part)
            }
        }
        return ChatMessage(role: role, parts: parts)
    }

    /// One content block; nil (and an `unsupported` entry) for block types with no canonical form.
    private static func decodeBlock(_ block: JSONValue, path: String, toolNames: inout [String: String],
                                    unsupported: inout [String]) throws(AnthropicCodecError) -> ContentPart? {
        switch try AnthropicParams.type(of: block, path) {
        case "text":
            return .text(try AnthropicParams.requiredString(block["text"], path + ".text"))
        case "image":
            guard let source = try imageSource(block["source"], path: path + ".source") else {
                unsupported.append(path + ".source")
                return nil
            }
            return .image(source)
        case "tool_use":
            let id = try AnthropicParams.requiredString(block["id"], path + ".id")
            let name = try AnthropicParams.requiredString(block["name"], path + ".name")
            guard let input = try AnthropicParams.object(block["input"], path + ".input") else {
                throw .missing(path + ".input")
            }
            toolNames[id] = name
            return .toolCall(id: id, name: name, arguments: JSONValue.object(input).jsonText)
        case "tool_result":
            let id = try AnthropicParams.requiredString(block["tool_use_id"], path + ".tool_use_id")
            let content = try toolResultContent(block["content"], path: path + ".content", unsupported: &unsupported)
            let isError = try AnthropicParams.bool(block["is_error"], path + ".is_error") ?? false
            return .toolResult(id: id, name: toolNames[id], content: content, isError: isError)
        case "thinking":
            let text = try AnthropicParams.requiredString(block["thinking"], path + ".thinking")
            let signature = try AnthropicParams.requiredString(block["signature"], path + ".signature")
            return .thinking(text: text, signature: signature)
        case "redacted_thinking":
            let data = try AnthropicParams.requiredString(block["data"], path + ".data")
            return AnthropicRedactedThinking.part(data: data)
        default:
            unsupported.append(path)
            return nil
        }
    }

    /// An image `source`: `base64` and `url` have canonical forms; `file` (Files API) does not.
    private static func imageSource(_ value: JSONValue?, path: String) throws(AnthropicCodecError) -> ImageSource? {
        guard let value = AnthropicParams.present(value) else { throw .missing(path) }
        switch try AnthropicParams.type(of: value, path) {
        case "base64":
            return .base64(mediaType: try AnthropicParams.requiredString(value["media_type"], path + ".media_type"),
                           data: try AnthropicParams.requiredString(value["data"], path + ".data"))
        case "url":
            return .url(try AnthropicParams.requiredString(value["url"], path + ".url"))
        default:
            return nil
        }
    }

    /// A `tool_result`'s content as text: the string, or its text blocks joined by newlines.
    /// Images inside a result have no canonical form and are listed as unsupported.
    private static func toolResultContent(_ value: JSONValue?, path: String, unsupported: inout [String])
        throws(AnthropicCodecError) -> String {
        guard let value = AnthropicParams.present(value) else { return "" }
        if let text = value.string { return text }
        guard let blocks = value.array else { throw .invalid(path, "Input should be a valid string or list") }
        var texts: [String] = []
        for (index, block) in blocks.enumerated() {
            let blockPath = "\(path).\(index)"
            if try AnthropicParams.type(of: block, blockPath) == "text" {
                texts.append(try AnthropicParams.requiredString(block["text"], blockPath + ".text"))
            } else {
                unsupported.append(blockPath)
            }
        }
        return texts.joined(separator: "\n")
    }
}
