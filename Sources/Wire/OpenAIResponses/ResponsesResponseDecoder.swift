/// A Responses API `response` object read into the canonical response.
///
/// Output items become parts in order, one part per item, by the rules of
/// `ResponsesOutputItem(decoding:index:)`: a message's text (refusals included) a text part, a
/// `function_call` a tool call whose id is the `call_id`, a `reasoning` item a thinking part
/// with `encrypted_content` as its signature. Items that carry nothing (a reasoning item without
/// summary or encrypted content, as OpenAI returns when no summary was asked for) and hosted-tool
/// items are skipped. The stop reason comes from `status` and `incomplete_details.reason`
/// (`StopReason+Responses.swift`), usage from `usage` (`Usage+Responses.swift`).
///
/// A `failed` response, or one with an `error`, throws, as `OpenAIResponseDecoder` does for an
/// error body; so does one that is not finished (`queued`, `in_progress`: only a background
/// response, which the gateway never asks for, answers so) or was `cancelled`.
public enum ResponsesResponseDecoder {
    /// Decodes a response body.
    public static func decode(_ body: [UInt8]) throws(OpenAIDecodeError) -> ChatResponse {
        try decode(OpenAIDecodeError.parse(body))
    }

    /// Decodes an already parsed `response` object.
    public static func decode(_ response: JSONValue) throws(OpenAIDecodeError) -> ChatResponse {
        guard response.object != nil else {
            throw OpenAIDecodeError(.malformedJSON, param: nil, "A response must be a JSON object.")
        }
        let status = response["status"]?.string
        if let error = response["error"], !error.isNull {
            throw OpenAIDecodeError(.invalidValue, param: "error", "The upstream answered with an error: \(error.jsonText)")
        }
        switch status {
        case "failed", "cancelled", "queued", "in_progress":
            throw OpenAIDecodeError(.invalidValue, param: "status",
                                    "The upstream response is '\(status ?? "")', not a finished answer.")
        default:
            break
        }
        guard let outputValue = response["output"], !outputValue.isNull else { throw .missing("output") }
        guard let output = outputValue.array else { throw .type("output", "an array") }
        var parts: [ContentPart] = []
        var sawFunctionCall = false
        for (index, element) in output.enumerated() {
            guard let item = ResponsesOutputItem(decoding: element, index: index) else { continue }
            if case .functionCall = item.content { sawFunctionCall = true }
            if let part = item.part { parts.append(part) }
        }
        let usage = response["usage"].flatMap { $0.object != nil ? Usage(responses: $0) : nil } ?? Usage()
        return ChatResponse(id: response["id"]?.string ?? "", model: response["model"]?.string ?? "", parts: parts,
                            stopReason: StopReason(responsesObject: response, sawFunctionCall: sawFunctionCall),
                            usage: usage)
    }
}
