/// Small `JSONScanner` reads shared by the OpenAI response and stream decoders: each reads the
/// value after a key and tolerates `null` or a different kind by skipping it, since upstreams
/// differ in which members they fill.
enum OpenAIScan {
    /// The value as a decoded string, or nil (skipped) when it is not one.
    @inline(__always)
    static func string(_ scanner: inout JSONScanner) throws(JSONError) -> String? {
        let token = try scanner.next()
        guard token == .string else {
            try scanner.skipValue(startingWith: token)
            return nil
        }
        return scanner.decodedString()
    }

    /// Whether the key just read names a message's visible reasoning: `reasoning_content`
    /// (DeepSeek, older vLLM) or `reasoning` (OpenRouter, Groq, newer vLLM). Some servers send
    /// both, or one as null, so callers keep the text of whichever is a string.
    @inline(__always)
    static func isReasoningKey(_ scanner: borrowing JSONScanner) -> Bool {
        if scanner.stringEquals("reasoning_content") { return true }
        return scanner.stringEquals("reasoning")
    }

    /// The value as an integer, or nil (skipped).
    @inline(__always)
    static func int(_ scanner: inout JSONScanner) throws(JSONError) -> Int? {
        let token = try scanner.next()
        guard token == .number else {
            try scanner.skipValue(startingWith: token)
            return nil
        }
        return scanner.intValue()
    }

    /// The value as a usage object, or nil (skipped) when it is null or not an object.
    @inline(__always)
    static func usage(_ scanner: inout JSONScanner) throws(JSONError) -> Usage? {
        let token = try scanner.next()
        guard token == .objectStart else {
            try scanner.skipValue(startingWith: token)
            return nil
        }
        return try Usage.scanOpenAI(&scanner)
    }

    /// Skips the value after a key.
    @inline(__always)
    static func skip(_ scanner: inout JSONScanner) throws(JSONError) {
        try scanner.skipValue(startingWith: try scanner.next())
    }

    /// Enters the object after a key; false (value skipped) when it is not an object.
    @inline(__always)
    static func enterObject(_ scanner: inout JSONScanner) throws(JSONError) -> Bool {
        let token = try scanner.next()
        guard token == .objectStart else {
            try scanner.skipValue(startingWith: token)
            return false
        }
        return true
    }

    /// Enters the array after a key; false (value skipped) when it is not an array.
    @inline(__always)
    static func enterArray(_ scanner: inout JSONScanner) throws(JSONError) -> Bool {
        let token = try scanner.next()
        guard token == .arrayStart else {
            try scanner.skipValue(startingWith: token)
            return false
        }
        return true
    }

    /// Reads a `tool_calls` value (after its key), appending each object element; elements that
    /// are not objects, and a value that is not an array, are skipped.
    static func toolCalls(_ scanner: inout JSONScanner, into calls: inout [OpenAIToolCallFragment]) throws(JSONError) {
        guard try enterArray(&scanner) else { return }
        var token = try scanner.next()
        while token != .arrayEnd {
            if token == .objectStart {
                calls.append(try toolCall(&scanner))
            } else {
                try scanner.skipValue(startingWith: token)
            }
            token = try scanner.next()
        }
    }

    /// Reads one `tool_calls` element (its `{` just returned): index, id, name, arguments.
    static func toolCall(_ scanner: inout JSONScanner) throws(JSONError) -> OpenAIToolCallFragment {
        var call = OpenAIToolCallFragment()
        while try scanner.next() == .key {
            if scanner.stringEquals("index") {
                call.index = try int(&scanner)
            } else if scanner.stringEquals("id") {
                call.id = try string(&scanner)
            } else if scanner.stringEquals("type") {
                call.type = try string(&scanner)
            } else if scanner.stringEquals("function") {
                guard try enterObject(&scanner) else { continue }
                while try scanner.next() == .key {
                    if scanner.stringEquals("name") {
                        call.name = try string(&scanner)
                    } else if scanner.stringEquals("arguments") {
                        call.arguments = try string(&scanner)
                    } else {
                        try skip(&scanner)
                    }
                }
            } else {
                try skip(&scanner)
            }
        }
        return call
    }
}

/// One `tool_calls` element as read: whole in a completion, a fragment in a stream delta.
struct OpenAIToolCallFragment {
    var index: Int?
    var id: String?
    var type: String?
    var name: String?
    var arguments: String?
}
