import HTTP
import Wire

/// Turns a complete upstream response (success or error) into the client's dialect.
enum WholeRelay {
    /// What the client gets, plus the usage and error class the accounting needs.
    struct Outcome {
        var status: Int
        var body: [UInt8]
        var usage: Usage?
        var stopReason: StopReason?
        var error: ProviderError?
    }

    /// `summary`: the OpenAI body's scan, when the caller already made it (it saves a pass).
    /// `responses`: the decoded request of a Responses API call (its answer is always translated).
    @inline(never)
    static func relay(status: Int, body: [UInt8], retryAfter: String?, inbound: Dialect, upstream: Dialect,
                      requestedModel: String, created: Int, summary: OpenAIResponseSummary? = nil,
                      responses: ChatRequest? = nil) -> Outcome {
        if status >= 400 {
            return relayError(status: status, body: body, retryAfter: retryAfter, inbound: inbound, upstream: upstream)
        }
        if inbound == upstream && responses == nil {
            let usage = if let summary { summary.usage } else { usage(of: body, dialect: upstream) }
            return Outcome(status: status, body: body, usage: usage)
        }
        let response: ChatResponse
        do {
            response = try decode(body, dialect: upstream, requestedModel: requestedModel)
        } catch {
            return badGateway("The upstream answer could not be read: \(error.message)", inbound: inbound, usage: nil)
        }
        if let responses {
            return Outcome(status: status, body: ResponsesResponseEncoder.encode(response, request: responses, created: created),
                           usage: response.usage, stopReason: response.stopReason)
        }
        let encoded: [UInt8]
        switch inbound {
        case .anthropic:
            do { encoded = try AnthropicResponseEncoder.encode(response) } catch {
                // A tool call whose arguments are not a JSON object has no `tool_use` form. The
                // upstream answered (and is paid for), so the outcome keeps its usage.
                return badGateway("The upstream answer could not be translated: \(error.message)", inbound: inbound,
                                  usage: response.usage)
            }
        case .openAI, .gemini, .openAIResponses:
            encoded = OpenAIResponseEncoder.encode(response, created: created)
        }
        return Outcome(status: status, body: encoded, usage: response.usage, stopReason: response.stopReason)
    }

    /// A 502 in the caller's dialect for a 2xx answer the gateway cannot pass on.
    private static func badGateway(_ message: String, inbound: Dialect, usage: Usage?) -> Outcome {
        let failure = ProviderError(kind: .server, status: 502, message: message)
        return Outcome(status: 502, body: encode(failure, for: inbound).body, usage: usage, error: failure)
    }

    /// A provider error in the caller's dialect. Same dialect: the provider's own body passes
    /// through when it is a proper error object.
    @inline(never)
    static func relayError(status: Int, body: [UInt8], retryAfter: String?, inbound: Dialect, upstream: Dialect) -> Outcome {
        let error = providerError(status: status, body: body, retryAfter: retryAfter, dialect: upstream)
        if inbound == upstream, (try? JSONValue.parse(body))?["error"] != nil {
            return Outcome(status: status, body: body, error: error)
        }
        let (mapped, encoded) = encode(error, for: inbound)
        return Outcome(status: mapped, body: encoded, error: error)
    }

    /// A provider's failed answer in canonical terms, read with its own dialect's mapping.
    @inline(never)
    static func providerError(status: Int, body: [UInt8], retryAfter: String?, dialect: Dialect) -> ProviderError {
        switch dialect {
        case .openAI, .openAIResponses: OpenAIErrorMapping.providerError(status: status, body: body, retryAfter: retryAfter)
        case .anthropic: AnthropicErrorMapping.providerError(status: status, body: body, retryAfter: retryAfter)
        case .gemini: GeminiErrorMapping.providerError(status: status, body: body, retryAfter: retryAfter)
        }
    }

    /// `error` as the caller's dialect writes it, with that dialect's status for its kind.
    static func encode(_ error: ProviderError, for dialect: Dialect) -> (status: Int, body: [UInt8]) {
        switch dialect {
        case .anthropic: (AnthropicErrorMapping.status(for: error.kind), AnthropicErrorMapping.encode(error))
        case .openAI, .gemini, .openAIResponses: OpenAIErrorMapping.encode(error)
        }
    }

    static func encodeError(_ error: ProviderError, for dialect: Dialect) -> [UInt8] {
        encode(error, for: dialect).body
    }

    struct DecodeFailure: Error { let message: String }

    private static func decode(_ body: [UInt8], dialect: Dialect, requestedModel: String) throws(DecodeFailure) -> ChatResponse {
        do {
            switch dialect {
            case .openAI: return try OpenAIResponseDecoder.decode(body)
            case .anthropic: return try AnthropicResponseDecoder.decode(body)
            case .gemini: return try GeminiResponseDecoder().decode(body, requestedModel: requestedModel)
            case .openAIResponses: return try ResponsesResponseDecoder.decode(body)
            }
        } catch {
            throw DecodeFailure(message: "\(error)")
        }
    }

    /// Usage of a same-dialect answer, read without re-encoding it.
    static func usage(of body: [UInt8], dialect: Dialect) -> Usage? {
        switch dialect {
        case .openAI: (try? OpenAIResponseSummary.scan(body))?.usage
        case .anthropic: (try? AnthropicResponseDecoder.decode(body))?.usage
        case .gemini: nil
        case .openAIResponses: (try? ResponsesResponseDecoder.decode(body))?.usage
        }
    }
}
