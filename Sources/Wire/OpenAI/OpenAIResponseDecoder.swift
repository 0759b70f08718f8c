/// Reads an upstream OpenAI `chat.completion` body (non-streaming) into a canonical `ChatResponse`,
/// in one `JSONScanner` pass.
///
/// Only the first choice counts (the gateway never asks for more). Besides OpenAI's own members
/// it reads `reasoning_content`, which OpenAI-compatible servers (DeepSeek, vLLM and others) use
/// for visible reasoning, as a thinking part. A `refusal` becomes text, since no other dialect
/// has a refusal field; OpenAI reports it with `finish_reason: stop`.
public enum OpenAIResponseDecoder {
    /// Decodes a completion body.
    public static func decode(_ body: [UInt8]) throws(OpenAIDecodeError) -> ChatResponse {
        let result = body.withUnsafeBytes { raw in
            Result { () throws(OpenAIDecodeError) in try decode(raw) }
        }
        return try result.get()
    }

    /// Decodes a completion body from borrowed bytes.
    public static func decode(_ body: UnsafeRawBufferPointer) throws(OpenAIDecodeError) -> ChatResponse {
        var parsed = Parsed()
        do throws(JSONError) {
            var scanner = JSONScanner(body)
            guard try scanner.next() == .objectStart else {
                throw JSONError(.notAnObject, at: scanner.tokenStart, "a completion must be a JSON object")
            }
            try parsed.scanTop(&scanner)
            _ = try scanner.next() // Throws unless only whitespace follows.
        } catch {
            throw OpenAIDecodeError.malformed(error)
        }
        if let message = parsed.error {
            throw OpenAIDecodeError(.invalidValue, param: "error", "The upstream answered with an error: \(message)")
        }
        guard parsed.sawChoice else { throw .missing("choices") }
        var parts: [ContentPart] = []
        if let reasoning = parsed.reasoning, !reasoning.isEmpty { parts.append(.thinking(text: reasoning, signature: nil)) }
        if let content = parsed.content, !content.isEmpty { parts.append(.text(content)) }
        if let refusal = parsed.refusal, !refusal.isEmpty { parts.append(.text(refusal)) }
        for (i, call) in parsed.toolCalls.enumerated() {
            parts.append(.toolCall(id: call.id ?? "call_\(i)", name: call.name ?? "", arguments: call.arguments ?? "{}"))
        }
        let stop = StopReason(openAIFinishReason: parsed.finishReason, sawToolCalls: !parsed.toolCalls.isEmpty)
        return ChatResponse(id: parsed.id ?? "", model: parsed.model ?? "", parts: parts, stopReason: stop,
                            usage: parsed.usage ?? Usage())
    }

    /// The members read so far.
    private struct Parsed {
        var id: String?
        var model: String?
        var sawChoice = false
        var content: String?
        var refusal: String?
        var reasoning: String?
        var toolCalls: [OpenAIToolCallFragment] = []
        var finishReason: String?
        var usage: Usage?
        var error: String?

        mutating func scanTop(_ scanner: inout JSONScanner) throws(JSONError) {
            while try scanner.next() == .key {
                if scanner.stringEquals("id") {
                    id = try OpenAIScan.string(&scanner)
                } else if scanner.stringEquals("model") {
                    model = try OpenAIScan.string(&scanner)
                } else if scanner.stringEquals("choices") {
                    try scanChoices(&scanner)
                } else if scanner.stringEquals("usage") {
                    usage = try OpenAIScan.usage(&scanner)
                } else if scanner.stringEquals("error") {
                    let token = try scanner.next()
                    let start = scanner.tokenStart
                    try scanner.skipValue(startingWith: token)
                    if token != .null {
                        error = String(decoding: scanner.bytes[start ..< scanner.tokenEnd], as: UTF8.self)
                    }
                } else {
                    try OpenAIScan.skip(&scanner)
                }
            }
        }

        private mutating func scanChoices(_ scanner: inout JSONScanner) throws(JSONError) {
            guard try OpenAIScan.enterArray(&scanner) else { return }
            var token = try scanner.next()
            while token != .arrayEnd {
                if token == .objectStart && !sawChoice {
                    sawChoice = true
                    try scanChoice(&scanner)
                } else {
                    try scanner.skipValue(startingWith: token)
                }
                token = try scanner.next()
            }
        }

        private mutating func scanChoice(_ scanner: inout JSONScanner) throws(JSONError) {
            while try scanner.next() == .key {
                if scanner.stringEquals("message") {
                    guard try OpenAIScan.enterObject(&scanner) else { continue }
                    try scanMessage(&scanner)
                } else if scanner.stringEquals("finish_reason") {
                    finishReason = try OpenAIScan.string(&scanner)
                } else {
                    try OpenAIScan.skip(&scanner)
                }
            }
        }

        private mutating func scanMessage(_ scanner: inout JSONScanner) throws(JSONError) {
            while try scanner.next() == .key {
                if scanner.stringEquals("content") {
                    content = try OpenAIScan.string(&scanner)
                } else if scanner.stringEquals("refusal") {
                    refusal = try OpenAIScan.string(&scanner)
                } else if OpenAIScan.isReasoningKey(scanner) {
                    if let text = try OpenAIScan.string(&scanner) { reasoning = text }
                } else if scanner.stringEquals("tool_calls") {
                    try OpenAIScan.toolCalls(&scanner, into: &toolCalls)
                } else {
                    try OpenAIScan.skip(&scanner)
                }
            }
        }
    }
}
