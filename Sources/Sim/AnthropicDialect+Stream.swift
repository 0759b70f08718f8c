import Wire

/// Encodes one Anthropic event stream: `message_start`, the first block's start and a `ping`,
/// then per piece a `content_block_delta` (text, or a tool call's `input_json_delta`, with the
/// block changes between calls), then `content_block_stop`, `message_delta` and `message_stop`.
///
/// Stateless per piece: the block layout (an optional text block at index 0, then one block per
/// call) is fixed by the completion at creation, so any piece knows its block.
struct AnthropicSimStream: SimStreamEncoding {
    private let identity: ResponseIdentity
    private let usage: Usage
    private let hasText: Bool
    private let toolCalls: [SimToolCall]

    init(identity: ResponseIdentity, completion: SimCompletion, usage: Usage) {
        self.identity = identity
        self.usage = usage
        hasText = AnthropicDialect.hasText(completion)
        toolCalls = completion.toolCalls
    }

    var contentType: String { "text/event-stream; charset=utf-8" }

    /// Anthropic's `message_start` comes at once, before the model thinks.
    var opensBeforeThinking: Bool { true }

    private var textBlocks: Int { hasText ? 1 : 0 }

    /// Anthropic reports the input counts at the start, with a token or so of output.
    func appendOpening(to out: inout [UInt8]) {
        var start = usage
        start.completionTokens = 1
        AnthropicEventWriter.messageStart(id: identity.id, model: identity.model, usage: start, to: &out)
        if hasText {
            AnthropicEventWriter.blockStart(index: 0, #"{"type":"text","text":""}"#, to: &out)
        } else {
            appendToolStart(0, to: &out)
        }
        AnthropicEventWriter.ping(to: &out)
    }

    func appendDelta(_ piece: String, to out: inout [UInt8]) {
        AnthropicEventWriter.delta(index: 0, type: "text_delta", key: "text", piece, to: &out)
    }

    func appendPiece(_ index: Int, of completion: SimCompletion, to out: inout [UInt8]) {
        if index < completion.pieces.count { return appendDelta(completion.pieces[index], to: &out) }
        var rest = index - completion.pieces.count
        for (call, toolCall) in toolCalls.enumerated() {
            guard rest >= toolCall.argumentPieces.count else {
                let block = textBlocks + call
                if rest == 0 && block > 0 {
                    AnthropicEventWriter.blockStop(index: block - 1, to: &out)
                    appendToolStart(call, to: &out)
                }
                return AnthropicEventWriter.delta(index: block, type: "input_json_delta", key: "partial_json",
                                                  toolCall.argumentPieces[rest], to: &out)
            }
            rest -= toolCall.argumentPieces.count
        }
    }

    func appendClosing(_ completion: SimCompletion, to out: inout [UInt8]) {
        AnthropicEventWriter.blockStop(index: textBlocks + toolCalls.count - 1, to: &out)
        AnthropicEventWriter.messageDelta(stopReason: AnthropicDialect.stopReason(completion), usage: usage, to: &out)
        AnthropicEventWriter.messageStop(to: &out)
    }

    private func appendToolStart(_ call: Int, to out: inout [UInt8]) {
        var writer = JSONWriter(capacity: 96)
        writer.beginObject()
        writer.member("type", "tool_use")
        writer.member("id", AnthropicDialect.toolUseID(messageID: identity.id, index: call))
        writer.member("name", toolCalls[call].name)
        writer.key("input")
        writer.beginObject()
        writer.endObject()
        writer.endObject()
        AnthropicEventWriter.blockStart(index: textBlocks + call, writer.bytes, to: &out)
    }
}
