/// The members of one Anthropic stream event that the decoder acts on, read in one scanner pass
/// (members may come in any order, so they are collected first and acted on after).
struct AnthropicEventFields {
    enum EventType {
        case messageStart, contentBlockStart, contentBlockDelta, contentBlockStop
        case messageDelta, messageStop, ping, error, unknown
    }

    enum PayloadType {
        case text, toolUse, thinking, redactedThinking
        case textDelta, inputJSONDelta, thinkingDelta, signatureDelta
        case unknown
    }

    var type = EventType.unknown
    var index: Int?
    /// `delta.type` or `content_block.type`.
    var payloadType = PayloadType.unknown
    /// The payload's text: `text`, `partial_json`, `thinking`, `signature` or `data`.
    var text: String?
    /// A thinking block's opening `signature` (its `thinking` goes to `text`).
    var signature: String?
    /// `content_block.id` or `message.id`.
    var id: String?
    var name: String?
    var model: String?
    /// `message_delta`'s `delta.stop_reason`.
    var stopReason: String?
    var usage: AnthropicUsageCounts?
    var errorType: String?
    var errorMessage: String?

    /// Reads an event's data object.
    static func scan(_ bytes: UnsafeRawBufferPointer) throws(JSONError) -> AnthropicEventFields {
        var scanner = JSONScanner(bytes)
        guard try scanner.next() == .objectStart else {
            throw JSONError(.notAnObject, at: scanner.tokenStart, "a stream event must be a JSON object")
        }
        var fields = AnthropicEventFields()
        while try scanner.next() == .key {
            if scanner.stringEquals("type") {
                fields.type = try eventType(&scanner)
            } else if scanner.stringEquals("index") {
                let token = try scanner.next()
                fields.index = token == .number ? scanner.intValue() : nil
                try scanner.skipValue(startingWith: token)
            } else if scanner.stringEquals("delta") || scanner.stringEquals("content_block") {
                try fields.scanPayload(&scanner)
            } else if scanner.stringEquals("message") {
                try fields.scanMessage(&scanner)
            } else if scanner.stringEquals("usage") {
                try fields.scanUsage(&scanner)
            } else if scanner.stringEquals("error") {
                try fields.scanError(&scanner)
            } else {
                try scanner.skipValue(startingWith: try scanner.next())
            }
        }
        _ = try scanner.next() // Throws unless only whitespace follows.
        return fields
    }

    private static func eventType(_ scanner: inout JSONScanner) throws(JSONError) -> EventType {
        let token = try scanner.next()
        guard token == .string else {
            try scanner.skipValue(startingWith: token)
            return .unknown
        }
        if scanner.stringEquals("content_block_delta") { return .contentBlockDelta }
        if scanner.stringEquals("content_block_start") { return .contentBlockStart }
        if scanner.stringEquals("content_block_stop") { return .contentBlockStop }
        if scanner.stringEquals("message_start") { return .messageStart }
        if scanner.stringEquals("message_delta") { return .messageDelta }
        if scanner.stringEquals("message_stop") { return .messageStop }
        if scanner.stringEquals("ping") { return .ping }
        if scanner.stringEquals("error") { return .error }
        return .unknown
    }

    /// A `delta` or `content_block` object.
    private mutating func scanPayload(_ scanner: inout JSONScanner) throws(JSONError) {
        let token = try scanner.next()
        guard token == .objectStart else { return try scanner.skipValue(startingWith: token) }
        while try scanner.next() == .key {
            if scanner.stringEquals("type") {
                payloadType = try Self.payloadType(&scanner)
            } else if scanner.stringEquals("text") || scanner.stringEquals("partial_json")
                || scanner.stringEquals("thinking") || scanner.stringEquals("data") {
                text = try Self.string(&scanner)
            } else if scanner.stringEquals("signature") {
                signature = try Self.string(&scanner)
            } else if scanner.stringEquals("id") {
                id = try Self.string(&scanner)
            } else if scanner.stringEquals("name") {
                name = try Self.string(&scanner)
            } else if scanner.stringEquals("stop_reason") {
                stopReason = try Self.string(&scanner)
            } else {
                try scanner.skipValue(startingWith: try scanner.next())
            }
        }
    }

    private static func payloadType(_ scanner: inout JSONScanner) throws(JSONError) -> PayloadType {
        let token = try scanner.next()
        guard token == .string else {
            try scanner.skipValue(startingWith: token)
            return .unknown
        }
        if scanner.stringEquals("text_delta") { return .textDelta }
        if scanner.stringEquals("input_json_delta") { return .inputJSONDelta }
        if scanner.stringEquals("thinking_delta") { return .thinkingDelta }
        if scanner.stringEquals("signature_delta") { return .signatureDelta }
        if scanner.stringEquals("text") { return .text }
        if scanner.stringEquals("tool_use") { return .toolUse }
        if scanner.stringEquals("thinking") { return .thinking }
        if scanner.stringEquals("redacted_thinking") { return .redactedThinking }
        return .unknown
    }

    /// `message_start`'s message skeleton: its id, model and usage.
    private mutating func scanMessage(_ scanner: inout JSONScanner) throws(JSONError) {
        let token = try scanner.next()
        guard token == .objectStart else { return try scanner.skipValue(startingWith: token) }
        while try scanner.next() == .key {
            if scanner.stringEquals("id") {
                id = try Self.string(&scanner)
            } else if scanner.stringEquals("model") {
                model = try Self.string(&scanner)
            } else if scanner.stringEquals("usage") {
                try scanUsage(&scanner)
            } else {
                try scanner.skipValue(startingWith: try scanner.next())
            }
        }
    }

    private mutating func scanUsage(_ scanner: inout JSONScanner) throws(JSONError) {
        let token = try scanner.next()
        guard token == .objectStart else { return try scanner.skipValue(startingWith: token) }
        usage = try AnthropicUsageCounts.scan(&scanner)
    }

    private mutating func scanError(_ scanner: inout JSONScanner) throws(JSONError) {
        let token = try scanner.next()
        guard token == .objectStart else { return try scanner.skipValue(startingWith: token) }
        while try scanner.next() == .key {
            if scanner.stringEquals("type") {
                errorType = try Self.string(&scanner)
            } else if scanner.stringEquals("message") {
                errorMessage = try Self.string(&scanner)
            } else {
                try scanner.skipValue(startingWith: try scanner.next())
            }
        }
    }

    /// The next value as a string; nil (and the value skipped) when it is anything else.
    private static func string(_ scanner: inout JSONScanner) throws(JSONError) -> String? {
        let token = try scanner.next()
        guard token == .string else {
            try scanner.skipValue(startingWith: token)
            return nil
        }
        return scanner.decodedString()
    }
}
