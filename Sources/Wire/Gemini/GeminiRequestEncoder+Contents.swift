// `contents[]`: canonical messages as Gemini turns (`user` / `model`) and parts.

extension GeminiRequestEncoder {
    /// One Gemini part, checked and ready to write.
    struct OutPart {
        enum Kind {
            case text(String, thought: Bool)
            case media(GeminiMedia)
            /// `args` is the call's arguments object as valid JSON text.
            case call(name: String, args: String)
            /// `response` is a JSON object's text.
            case result(name: String, response: [UInt8])
        }

        var kind: Kind
        var signature: String?

        var isCall: Bool { if case .call = kind { true } else { false } }
    }

    /// One Gemini turn being built.
    struct OutContent {
        var role: String
        var parts: [OutPart] = []
        /// A signature that arrived alone (a canonical thinking part without text) and belongs on
        /// the next part, which is where Gemini had it.
        var pendingSignature: String?

        mutating func append(_ part: OutPart) {
            var part = part
            if let pending = pendingSignature {
                if part.signature == nil {
                    part.signature = pending
                } else {
                    parts.append(OutPart(kind: .text("", thought: false), signature: pending))
                }
                pendingSignature = nil
            }
            parts.append(part)
        }

        mutating func carry(_ signature: String) {
            if let pending = pendingSignature {
                parts.append(OutPart(kind: .text("", thought: false), signature: pending))
            }
            pendingSignature = signature
        }

        /// Places a signature still waiting at the turn's end on its last part, or alone.
        mutating func close(placeholder: String?) {
            if let pending = pendingSignature {
                if let last = parts.indices.last, parts[last].signature == nil {
                    parts[last].signature = pending
                } else {
                    parts.append(OutPart(kind: .text("", thought: false), signature: pending))
                }
                pendingSignature = nil
            }
            if let placeholder, let first = parts.firstIndex(where: \.isCall), parts[first].signature == nil {
                parts[first].signature = placeholder
            }
        }
    }

    func writeContents(_ messages: [ChatMessage], to writer: inout JSONWriter) throws(GeminiCodecError) {
        let contents = try buildContents(messages)
        writer.beginArray()
        for content in contents {
            writer.beginObject()
            writer.member("role", content.role)
            writer.key("parts")
            writer.beginArray()
            for part in content.parts { Self.write(part, to: &writer) }
            writer.endArray()
            writer.endObject()
        }
        writer.endArray()
    }

    /// Turns with their parts; adjacent messages of one role become one turn, so that all
    /// results of a parallel call sit in the one turn Gemini requires, and empty turns vanish.
    func buildContents(_ messages: [ChatMessage]) throws(GeminiCodecError) -> [OutContent] {
        var callNames: [String: String] = [:]
        for message in messages {
            for case .toolCall(let id, let name, _, _) in message.parts { callNames[id] = name }
        }
        var contents: [OutContent] = []
        for message in messages {
            let role = message.role == .user ? "user" : "model"
            if contents.last?.role != role {
                closeLast(&contents)
                contents.append(OutContent(role: role))
            }
            for part in message.parts {
                try add(part, to: &contents[contents.count - 1], callNames: callNames)
            }
        }
        closeLast(&contents)
        // Dropping an empty turn can leave two turns of one role side by side.
        var merged: [OutContent] = []
        for content in contents where !content.parts.isEmpty {
            if merged.last?.role == content.role {
                merged[merged.count - 1].parts += content.parts
            } else {
                merged.append(content)
            }
        }
        return merged
    }

    private func closeLast(_ contents: inout [OutContent]) {
        guard let last = contents.indices.last else { return }
        contents[last].close(placeholder: contents[last].role == "model" ? options.placeholderSignature : nil)
    }

    private func add(_ part: ContentPart, to content: inout OutContent, callNames: [String: String]) throws(GeminiCodecError) {
        switch part {
        case .text(let text):
            if !text.isEmpty { content.append(OutPart(kind: .text(text, thought: false))) }
        case .image(let source):
            content.append(OutPart(kind: .media(try GeminiMedia.placement(source, allowExternalURLs: options.allowExternalImageURLs))))
        case .thinking(let text, let signature):
            // Another provider's signature (or redacted thinking) means nothing to Gemini.
            let own = GeminiSignature.wire(signature)
            if text.isEmpty {
                if let own { content.carry(own) }
            } else {
                content.append(OutPart(kind: .text(text, thought: true), signature: own))
            }
        case .toolCall(_, let name, let arguments, let signature):
            content.append(OutPart(kind: .call(name: name, args: try Self.argumentsObject(arguments, name: name)),
                                   signature: GeminiSignature.wire(signature)))
        case .toolResult(let id, let name, let text, let isError):
            guard let resolved = name ?? callNames[id] ?? GeminiToolCallID.functionName(in: id) else {
                throw GeminiCodecError(.unknownToolResult, "the tool result for call '\(id)' names no function, "
                    + "and no earlier call has that id; Gemini needs the function name")
            }
            content.append(OutPart(kind: .result(name: resolved, response: Self.responseObject(text, isError: isError))))
        }
    }

    /// The arguments as an object's JSON text; empty arguments are `{}`.
    static func argumentsObject(_ arguments: String, name: String) throws(GeminiCodecError) -> String {
        switch jsonShape(arguments) {
        case .empty: return "{}"
        case .object: return arguments
        case .otherJSON, .notJSON:
            throw GeminiCodecError(.invalidToolArguments, "the arguments of the call to '\(name)' are not a JSON object")
        }
    }

    /// `functionResponse.response`, which must be an object: an object result goes as it is; any
    /// other result is wrapped under Google's documented keys, `output` (or `error` for a failed
    /// call), as JSON when it parses and as a string otherwise.
    static func responseObject(_ text: String, isError: Bool) -> [UInt8] {
        let shape = jsonShape(text)
        if shape == .object && !isError { return Array(text.utf8) }
        var writer = JSONWriter(capacity: text.utf8.count + 16)
        writer.beginObject()
        writer.key(isError ? "error" : "output")
        switch shape {
        case .object, .otherJSON: writer.raw(text.utf8)
        case .empty, .notJSON: writer.string(text)
        }
        writer.endObject()
        return writer.bytes
    }

    enum JSONShape { case empty, object, otherJSON, notJSON }

    static func jsonShape(_ text: String) -> JSONShape {
        var text = text
        return text.withUTF8 { utf8 in
            let raw = UnsafeRawBufferPointer(utf8)
            guard let first = raw.firstIndex(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) else {
                return .empty
            }
            do {
                try JSONScanner.validate(raw)
            } catch {
                return .notJSON
            }
            return raw[first] == UInt8(ascii: "{") ? .object : .otherJSON
        }
    }

    /// One `parts[]` entry as JSON.
    static func write(_ part: OutPart, to writer: inout JSONWriter) {
        writer.beginObject()
        switch part.kind {
        case .text(let text, let thought):
            writer.member("text", text)
            if thought { writer.member("thought", true) }
        case .media(.inline(let mimeType, let data)):
            writer.key("inlineData")
            writer.beginObject()
            writer.member("mimeType", mimeType)
            writer.member("data", data)
            writer.endObject()
        case .media(.file(let mimeType, let uri)):
            writer.key("fileData")
            writer.beginObject()
            if let mimeType { writer.member("mimeType", mimeType) }
            writer.member("fileUri", uri)
            writer.endObject()
        case .call(let name, let args):
            writer.key("functionCall")
            writer.beginObject()
            writer.member("name", name)
            writer.key("args")
            writer.raw(args.utf8)
            writer.endObject()
        case .result(let name, let response):
            writer.key("functionResponse")
            writer.beginObject()
            writer.member("name", name)
            writer.key("response")
            writer.raw(response)
            writer.endObject()
        }
        // A sibling of the data member, on the very part Gemini returned it with.
        if let signature = part.signature { writer.member("thoughtSignature", signature) }
        writer.endObject()
    }
}
