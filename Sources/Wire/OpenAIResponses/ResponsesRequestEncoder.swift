/// The canonical request as a `POST /v1/responses` body.
///
/// For OpenAI models served only by the Responses API (o1-pro, o3-pro, codex, deep-research),
/// called on behalf of a client of any dialect. The call is stateless: `store: false`, the whole
/// conversation in `input` every time (see `ResponsesRequestEncoder+Input.swift`), so nothing
/// is left at the provider and no response id is ever referenced.
///
/// Members:
/// - `instructions`: the system texts joined by a blank line, as `ResponsesObject` echoes them.
/// - `tools`: flat function tools with `strict: false` written out, because the Responses API
///   makes function tools strict by default (chat does not), and a strict schema must list every
///   property as required and forbid additional ones, which schemas from other dialects rarely do.
/// - `tool_choice`: only beside tools, as the chat encoder does; OpenAI rejects a named choice
///   that is not among `tools`.
/// - `reasoning`: `effort` from the thinking budget (`OpenAIReasoningEffort`), with `include:
///   ["reasoning.encrypted_content"]`, which a stateless caller needs to send reasoning back on
///   the next turn; both only then, since non-reasoning models reject them. No `summary`:
///   OpenAI refuses reasoning summaries to organizations it has not verified, and a request
///   that fails for that would fail for a display nicety; the answer does not need them.
/// - `max_output_tokens`, `temperature`, `top_p`, `user` and `stream` pass as they are; the
///   Responses API refuses `max_output_tokens` below 16 and reasoning models refuse sampling
///   parameters, which is the provider's answer to give. Usage always arrives in a stream's
///   terminal event, so there is no `stream_options`.
///
/// Refused (`ResponsesEncodeError`): `stop` sequences, which the Responses API has no member
/// for; cutting the text at them afterwards would still bill and wait for the tokens past them
/// and could not stop a tool call, so the caller is told instead. Tool parameters and a JSON
/// schema that are not JSON objects are refused too, rather than spliced into a broken body.
/// `ChatRequest.unsupported` is not consulted: the gateway refuses such requests before encoding.
public enum ResponsesRequestEncoder {
    /// Encodes `request`.
    public static func encode(_ request: ChatRequest) throws(ResponsesEncodeError) -> [UInt8] {
        guard request.stop.isEmpty else {
            throw ResponsesEncodeError(.unsupported, param: "stop", "Stop sequences cannot be sent to the OpenAI "
                + "Responses API, which has no 'stop' parameter. Send the request without 'stop'.")
        }
        try checkSchemas(request)
        var writer = JSONWriter(capacity: 1024)
        writer.beginObject()
        writer.member("model", request.model)
        if !request.system.isEmpty { writer.member("instructions", request.system.joined(separator: "\n\n")) }
        writer.key("input")
        writeInput(request.messages, to: &writer)
        if !request.tools.isEmpty {
            ResponsesObject.writeTools(request.tools, strict: false, to: &writer)
            if let choice = request.toolChoice { ResponsesObject.writeToolChoice(choice, to: &writer) }
        }
        if let format = request.responseFormat { ResponsesObject.writeText(format, to: &writer) }
        if let maxTokens = request.maxTokens { writer.member("max_output_tokens", maxTokens) }
        if let temperature = request.temperature { writer.member("temperature", temperature) }
        if let topP = request.topP { writer.member("top_p", topP) }
        if let budget = request.thinkingBudget, let effort = OpenAIReasoningEffort(thinkingBudget: budget) {
            writer.key("reasoning")
            writer.beginObject()
            writer.member("effort", effort.rawValue)
            writer.endObject()
            writer.member("include", ["reasoning.encrypted_content"])
        }
        if let user = request.user { writer.member("user", user) }
        writer.member("store", false)
        if request.stream { writer.member("stream", true) }
        writer.endObject()
        return writer.bytes
    }

    /// The JSON texts spliced in verbatim must each be one JSON object.
    private static func checkSchemas(_ request: ChatRequest) throws(ResponsesEncodeError) {
        for (i, tool) in request.tools.enumerated() where !isObject(tool.parameters) {
            throw ResponsesEncodeError(.invalidSchema, param: "tools[\(i)].parameters",
                                       "The parameters of tool '\(tool.name)' are not a JSON object.")
        }
        if case .jsonSchema(let name, let schema, _)? = request.responseFormat, !isObject(schema) {
            throw ResponsesEncodeError(.invalidSchema, param: "text.format.schema",
                                       "The JSON schema '\(name)' is not a JSON object.")
        }
    }

    private static func isObject(_ text: String) -> Bool {
        (try? JSONValue.parse(text))?.object != nil
    }
}
