// One `chat.completion.chunk` read in a single `JSONScanner` pass, keeping only what the state
// machine needs: no DOM, and `id`/`model` are decoded only until the stream has started.

extension OpenAIStreamDecoder {
    /// The parts of one chunk the decoder acts on.
    struct Chunk {
        var id: String?
        var model: String?
        /// Whether the chunk held the choice at index 0 (or a choice without an index).
        var hasChoice = false
        var content: String?
        var refusal: String?
        /// `reasoning_content`, the OpenAI-compatible servers' visible reasoning.
        var reasoning: String?
        var toolCalls: [OpenAIToolCallFragment] = []
        var finishReason: String?
        var usage: Usage?
        /// A non-null top-level `error`: the provider failed mid-stream.
        var hasError = false

        /// Reads a chunk's data; `wantsIdentity` decodes `id` and `model` (first chunk only).
        static func scan(_ data: UnsafeRawBufferPointer, wantsIdentity: Bool) throws(JSONError) -> Chunk {
            var scanner = JSONScanner(data)
            guard try scanner.next() == .objectStart else {
                throw JSONError(.notAnObject, at: scanner.tokenStart, "a stream chunk must be a JSON object")
            }
            var chunk = Chunk()
            while try scanner.next() == .key {
                if scanner.stringEquals("choices") {
                    try chunk.scanChoices(&scanner)
                } else if scanner.stringEquals("usage") {
                    chunk.usage = try OpenAIScan.usage(&scanner)
                } else if wantsIdentity && scanner.stringEquals("id") {
                    chunk.id = try OpenAIScan.string(&scanner)
                } else if wantsIdentity && scanner.stringEquals("model") {
                    chunk.model = try OpenAIScan.string(&scanner)
                } else if scanner.stringEquals("error") {
                    let token = try scanner.next()
                    chunk.hasError = token != .null
                    try scanner.skipValue(startingWith: token)
                } else {
                    try OpenAIScan.skip(&scanner)
                }
            }
            _ = try scanner.next() // Throws unless only whitespace follows.
            return chunk
        }

        private mutating func scanChoices(_ scanner: inout JSONScanner) throws(JSONError) {
            guard try OpenAIScan.enterArray(&scanner) else { return }
            var token = try scanner.next()
            while token != .arrayEnd {
                if token == .objectStart {
                    try scanChoice(&scanner)
                } else {
                    try scanner.skipValue(startingWith: token)
                }
                token = try scanner.next()
            }
        }

        /// Reads one choice into a scratch copy and keeps it only if it is choice 0: the index
        /// may come after the delta, since JSON members have no order.
        private mutating func scanChoice(_ scanner: inout JSONScanner) throws(JSONError) {
            var choice = Chunk()
            var index = 0
            while try scanner.next() == .key {
                if scanner.stringEquals("delta") {
                    guard try OpenAIScan.enterObject(&scanner) else { continue }
                    try choice.scanDelta(&scanner)
                } else if scanner.stringEquals("finish_reason") {
                    choice.finishReason = try OpenAIScan.string(&scanner)
                } else if scanner.stringEquals("index") {
                    index = try OpenAIScan.int(&scanner) ?? 0
                } else {
                    try OpenAIScan.skip(&scanner)
                }
            }
            guard index == 0 && !hasChoice else { return }
            hasChoice = true
            content = choice.content
            refusal = choice.refusal
            reasoning = choice.reasoning
            toolCalls = choice.toolCalls
            finishReason = choice.finishReason
        }

        private mutating func scanDelta(_ scanner: inout JSONScanner) throws(JSONError) {
            while try scanner.next() == .key {
                if scanner.stringEquals("content") {
                    content = try OpenAIScan.string(&scanner)
                } else if scanner.stringEquals("tool_calls") {
                    try OpenAIScan.toolCalls(&scanner, into: &toolCalls)
                } else if OpenAIScan.isReasoningKey(scanner) {
                    if let text = try OpenAIScan.string(&scanner) { reasoning = text }
                } else if scanner.stringEquals("refusal") {
                    refusal = try OpenAIScan.string(&scanner)
                } else {
                    try OpenAIScan.skip(&scanner) // `role` carries nothing the first chunk does not.
                }
            }
        }
    }
}
