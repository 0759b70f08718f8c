/// Reads a Gemini `GenerateContentResponse` into a canonical `ChatResponse`.
///
/// Only the first candidate is read. Parts keep their order. Adjacent text parts join into one,
/// as do adjacent thought parts until one carries a signature. `thoughtSignature`s (tagged, see
/// `GeminiSignature`) stay with the part Gemini put them on: a function call's on its
/// `.toolCall`, a thought's on its `.thinking`; a signature on a plain text part (Gemini 3 puts one on the last part of a turn)
/// becomes a text-less `.thinking(text: "", signature:)` just before that text, which
/// `GeminiRequestEncoder` puts back on the text. Function calls get ids from `GeminiToolCallID`.
/// A prompt refused before generation (`promptFeedback.blockReason`) is an empty answer that
/// stopped for `contentFilter`.
public struct GeminiResponseDecoder: Sendable {
    public init() {}

    /// Decodes a 200 response body; `requestedModel` names the model when the response has no
    /// `modelVersion`.
    public func decode(_ body: [UInt8], requestedModel: String) throws(GeminiCodecError) -> ChatResponse {
        let chunk: GeminiChunk
        do {
            chunk = try body.withUnsafeBytes { raw in
                Result { () throws(JSONError) in try GeminiChunk.read(raw) }
            }.get()
        } catch {
            throw GeminiCodecError(.malformedResponse, "the Gemini response is not valid JSON: \(error.message)")
        }
        if chunk.errorBody != nil {
            throw GeminiCodecError(.malformedResponse, "the Gemini response holds an error object in place of an answer")
        }
        var builder = PartsBuilder(responseID: chunk.responseID)
        for part in chunk.parts { builder.add(part) }
        let stop = chunk.blockReason != nil && chunk.finishReason == nil
            ? StopReason.contentFilter
            : GeminiFinishReason.stopReason(chunk.finishReason, hasToolCalls: builder.callCount > 0)
        return ChatResponse(id: chunk.responseID ?? "", model: chunk.modelVersion ?? requestedModel,
                            parts: builder.parts, stopReason: stop, usage: chunk.usage ?? Usage())
    }

    /// Accumulates canonical parts from Gemini parts, joining where Gemini split.
    struct PartsBuilder {
        let responseID: String?
        var parts: [ContentPart] = []
        var callCount = 0
        var tag: String?

        init(responseID: String?) {
            self.responseID = responseID
        }

        mutating func add(_ part: GeminiChunk.Part) {
            switch part {
            case .text(let text, true, let wire):
                let signature = wire.map(GeminiSignature.canonical)
                if case .thinking(let previous, nil)? = parts.last {
                    parts[parts.count - 1] = .thinking(text: previous + text, signature: signature)
                } else {
                    parts.append(.thinking(text: text, signature: signature))
                }
            case .text(let text, false, let wire):
                if let wire { parts.append(.thinking(text: "", signature: GeminiSignature.canonical(wire))) }
                guard !text.isEmpty else { return }
                if wire == nil, case .text(let previous)? = parts.last {
                    parts[parts.count - 1] = .text(previous + text)
                } else {
                    parts.append(.text(text))
                }
            case .call(let name, let args, let id, let wire):
                parts.append(.toolCall(id: id ?? nextID(name: name, args: args), name: name, arguments: args,
                                       signature: wire.map(GeminiSignature.canonical)))
                callCount += 1
            case .inlineData(let mimeType, let data, let wire):
                if let wire { parts.append(.thinking(text: "", signature: GeminiSignature.canonical(wire))) }
                parts.append(.image(.base64(mediaType: mimeType, data: data)))
            }
        }

        /// The id of the next call; the tag is fixed by the first call of the response.
        private mutating func nextID(name: String, args: String) -> String {
            let tag = self.tag ?? GeminiToolCallID.tag(responseID: responseID, firstCallName: name,
                                                       firstCallArguments: args.utf8)
            self.tag = tag
            return GeminiToolCallID.make(tag: tag, index: callCount, name: name)
        }
    }
}

/// Gemini's `finishReason` in canonical terms.
///
/// `STOP` means both a natural end and a matched stop sequence (Gemini does not tell them
/// apart), and a turn that ends in function calls is `STOP` too: the calls make it `toolUse`.
/// The safety family, image variants included, is `contentFilter`; `MAX_TOKENS` is `maxTokens`;
/// everything else (`MALFORMED_FUNCTION_CALL`, `LANGUAGE`, `OTHER`, `UNEXPECTED_TOOL_CALL`,
/// `TOO_MANY_TOOL_CALLS`, values added later) is `other`.
enum GeminiFinishReason {
    static let contentFilter: Set<String> = [
        "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII",
        "IMAGE_SAFETY", "IMAGE_PROHIBITED_CONTENT", "IMAGE_RECITATION",
    ]

    static func stopReason(_ finishReason: String?, hasToolCalls: Bool) -> StopReason {
        switch finishReason {
        case "STOP"?: hasToolCalls ? .toolUse : .endTurn
        case "MAX_TOKENS"?: .maxTokens
        case let reason? where contentFilter.contains(reason): .contentFilter
        default: .other
        }
    }

}
