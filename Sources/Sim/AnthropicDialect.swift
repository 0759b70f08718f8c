import Wire

/// Anthropic's Messages API as the simulator speaks it: this file reads requests (through Wire's
/// `AnthropicRequestDecoder`, so the gateway's codec and the simulator agree on the format); the
/// `+Message`, `+Stream` and `+Errors` files write the answers.
///
/// `x-api-key` and `anthropic-version` are accepted and not checked, as the OpenAI side accepts
/// any bearer token. Members the canonical form lists as unsupported (`top_k`, documents, …) are
/// accepted and ignored, since they are valid Anthropic.
enum AnthropicDialect {
    /// A decoded request with what only this dialect needs besides the shared form.
    struct Request: Sendable, Equatable {
        var chat: SimChatRequest
        /// The `system` text, which the prompt-cache rule reads.
        var system: String
    }

    /// Reads a `POST /v1/messages` body (or, with `requiresMaxTokens` false, a
    /// `/v1/messages/count_tokens` one); rejects what Anthropic rejects, with its wording.
    static func decode(_ body: [UInt8], requiresMaxTokens: Bool = true) throws(SimError) -> Request {
        let request: ChatRequest
        do {
            request = try AnthropicRequestDecoder.decode(body, requiresMaxTokens: requiresMaxTokens)
        } catch {
            let code: SimError.Code = switch error.code {
            case .malformedJSON: .malformedJSON
            case .missingParameter: .missingParameter
            default: .invalidParameter
            }
            throw SimError(code, message: error.message, param: error.param)
        }
        guard !request.messages.isEmpty else {
            throw SimError(.invalidParameter, message: "messages: at least one message is required", param: "messages")
        }
        let system = request.system.joined(separator: "\n")
        var messages: [SimChatRequest.Message] = []
        if !system.isEmpty { messages.append(.init(role: "system", text: system)) }
        for message in request.messages { messages.append(simMessage(message)) }
        var chat = SimChatRequest(model: request.model, messages: messages)
        chat.stream = request.stream
        chat.maxTokens = request.maxTokens
        chat.tools = request.tools.map { tool in
            SimTool(name: tool.name, schema: (try? JSONValue.parse(tool.parameters)) ?? SimTool(name: tool.name).schema)
        }
        chat.toolChoice = switch request.toolChoice {
        case .none?: .none
        case .required?: .required
        case .tool(let name)?: .tool(name)
        case .auto?, nil: .auto
        }
        return Request(chat: chat, system: system)
    }

    /// A turn's text; a user turn carrying tool results takes the role "tool", so the tool
    /// planner sees that the model is being given results rather than asked something new.
    private static func simMessage(_ message: ChatMessage) -> SimChatRequest.Message {
        var texts: [String] = []
        var hasToolResult = false
        for part in message.parts {
            switch part {
            case .text(let text): texts.append(text)
            case .toolResult(_, _, let content, _):
                hasToolResult = true
                texts.append(content)
            case .image, .toolCall, .thinking: break
            }
        }
        return .init(role: hasToolResult ? "tool" : message.role.rawValue, text: texts.joined(separator: "\n"))
    }
}
