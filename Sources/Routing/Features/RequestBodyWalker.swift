import Wire

/// Walks an OpenAI chat-completions (or Anthropic messages) body with `JSONScanner`, feeding text
/// and structure into an `ExtractionState`. Members that do not matter are skipped container-wise.
///
/// Only the top-level object is read; nothing after it is validated (the gateway's own request
/// scan does that). Keys inside messages may come in any order, so a message's role is applied
/// after its last member.
struct RequestBodyWalker {
    var scanner: JSONScanner

    mutating func walk(into state: inout ExtractionState) throws(JSONError) {
        guard try scanner.next() == .objectStart else {
            throw JSONError(.notAnObject, at: scanner.tokenStart, "the request body must be a JSON object")
        }
        while try scanner.next() == .key {
            let s = scanner
            let token = try scanner.next()
            if s.stringEquals("messages") && token == .arrayStart {
                try walkMessages(into: &state)
            } else if s.stringEquals("system") {
                state.hasSystemPrompt = true
                try walkContent(token, into: &state)
            } else if (s.stringEquals("tools") || s.stringEquals("functions")) && token == .arrayStart {
                state.toolCount += try countElements(into: &state)
            } else if s.stringEquals("response_format") && token == .objectStart {
                try walkResponseFormat(into: &state)
            } else if token == .number && (s.stringEquals("max_tokens") || s.stringEquals("max_completion_tokens")) {
                state.maxOutputTokens = scanner.intValue()
            } else if token == .string && s.stringEquals("prompt") {
                state.messages += 1
                state.turns += 1
                state.scanJSONString(scanner.rawStringContent, hasEscapes: scanner.stringHasEscapes)
            } else {
                try scanner.skipValue(startingWith: token)
            }
        }
    }

    private mutating func walkMessages(into state: inout ExtractionState) throws(JSONError) {
        while true {
            let token = try scanner.next()
            if token == .arrayEnd { return }
            guard token == .objectStart else {
                try scanner.skipValue(startingWith: token)
                continue
            }
            var isSystem = false
            var isUser = false
            while try scanner.next() == .key {
                let s = scanner
                let value = try scanner.next()
                if s.stringEquals("role") && value == .string {
                    isSystem = scanner.stringEquals("system") || scanner.stringEquals("developer")
                    isUser = scanner.stringEquals("user")
                } else if s.stringEquals("content") {
                    try walkContent(value, into: &state)
                } else if value == .objectStart || value == .arrayStart {
                    // tool_calls, function_call: JSON the model reads, counted as tokens only.
                    let start = scanner.tokenStart
                    try scanner.skipContainer()
                    state.structureBytes += scanner.tokenEnd - start
                }
            }
            state.messages += 1
            if isSystem { state.hasSystemPrompt = true }
            if isUser { state.turns += 1 }
        }
    }

    /// A message's content: a string, or an array of parts (text, image, tool result).
    private mutating func walkContent(_ token: JSONToken, into state: inout ExtractionState) throws(JSONError) {
        switch token {
        case .string:
            state.scanJSONString(scanner.rawStringContent, hasEscapes: scanner.stringHasEscapes)
        case .arrayStart:
            while true {
                let part = try scanner.next()
                if part == .arrayEnd { return }
                if part == .string {
                    state.scanJSONString(scanner.rawStringContent, hasEscapes: scanner.stringHasEscapes)
                } else if part == .objectStart {
                    try walkPart(into: &state)
                } else {
                    try scanner.skipValue(startingWith: part)
                }
            }
        default:
            try scanner.skipValue(startingWith: token)
        }
    }

    /// One content part: `text` is scanned; an image part counts as an image whatever its dialect.
    private mutating func walkPart(into state: inout ExtractionState) throws(JSONError) {
        var isImage = false
        while try scanner.next() == .key {
            let s = scanner
            let value = try scanner.next()
            if value == .string && s.stringEquals("text") {
                state.scanJSONString(scanner.rawStringContent, hasEscapes: scanner.stringHasEscapes)
            } else if value == .string && s.stringEquals("type") {
                isImage = isImage || scanner.stringEquals("image_url") || scanner.stringEquals("image")
                    || scanner.stringEquals("input_image")
            } else if s.stringEquals("image_url") {
                isImage = true
                try scanner.skipValue(startingWith: value)
            } else if s.stringEquals("content") {
                try walkContent(value, into: &state)
            } else {
                try scanner.skipValue(startingWith: value)
            }
        }
        if isImage { state.images += 1 }
    }

    private mutating func walkResponseFormat(into state: inout ExtractionState) throws(JSONError) {
        while try scanner.next() == .key {
            let s = scanner
            let value = try scanner.next()
            if value == .string && s.stringEquals("type") {
                if scanner.stringEquals("json_object") { state.wantsJSON = true }
                if scanner.stringEquals("json_schema") { state.wantsJSONSchema = true }
            } else if value == .objectStart && s.stringEquals("json_schema") {
                state.wantsJSONSchema = true
                let start = scanner.tokenStart
                try scanner.skipContainer()
                state.structureBytes += scanner.tokenEnd - start
            } else {
                try scanner.skipValue(startingWith: value)
            }
        }
    }

    /// Counts an array's elements, adding their bytes to the structure estimate.
    private mutating func countElements(into state: inout ExtractionState) throws(JSONError) -> Int {
        let start = scanner.tokenStart
        var count = 0
        while true {
            let token = try scanner.next()
            if token == .arrayEnd { break }
            count += 1
            try scanner.skipValue(startingWith: token)
        }
        state.structureBytes += scanner.tokenEnd - start
        return count
    }
}
