import HTTP
import Wire

/// A chat request as it arrived: its dialect, raw bytes and the scanned routing fields.
///
/// The body is decoded into the canonical form only when the upstream speaks another dialect
/// (or, later, when the router needs features): same-dialect calls are spliced, not decoded.
struct InboundCall {
    let dialect: Dialect
    let body: [UInt8]
    let fields: RequestFields
    let model: String
    let stream: Bool
    /// OpenAI clients choose whether a streamed answer ends with a usage chunk; Anthropic's
    /// stream always reports usage.
    let clientWantsUsage: Bool
    /// The client's `anthropic-version` and `anthropic-beta`, for an Anthropic upstream: a beta
    /// gates body members (Claude Code sends `context_management` with its beta), so a body
    /// passed through without its betas is refused upstream.
    var anthropicHeaders: [(name: String, value: String)] = []
    /// Set when the client spoke OpenAI's Responses API: `body` is then the request's chat
    /// completions translation (so routing, splicing to OpenAI-dialect upstreams and accounting
    /// read it like any OpenAI call), and answers are written back as Responses objects and
    /// events from this decoded request, whose parameters a response echoes.
    var responses: ChatRequest? {
        get { envelope?.request }
        set { envelope = newValue.map(ResponsesEnvelope.init) }
    }
    /// Boxed: a call lives in the request task's async frames until its first token, and an
    /// inline `ChatRequest?` would add its 190 bytes to every call, Responses or not.
    var envelope: ResponsesEnvelope? = nil

    /// The request in canonical form, or a 400 in the caller's terms. `requiresMaxTokens`
    /// false reads an Anthropic `count_tokens` body, which has none.
    func canonical(requiresMaxTokens: Bool = true) throws(GatewayError) -> ChatRequest {
        if let responses { return responses }
        switch dialect {
        case .openAI:
            do { return try OpenAIRequestDecoder.decode(body) } catch {
                throw GatewayError(.invalidField, status: .badRequest, error.message, param: error.param)
            }
        case .anthropic:
            do { return try AnthropicRequestDecoder.decode(body, requiresMaxTokens: requiresMaxTokens) } catch {
                throw GatewayError(.invalidField, status: .badRequest, error.message, param: error.param)
            }
        case .gemini, .openAIResponses:
            throw GatewayError(.notFound, status: .notFound, "The gateway does not accept \(dialect.rawValue)-dialect request bodies here.")
        }
    }

    /// The Anthropic headers of `request` worth forwarding (see `anthropicHeaders`).
    static func anthropicHeaders(of request: ServerRequest) -> [(name: String, value: String)] {
        var headers: [(name: String, value: String)] = []
        if let version = request.header("anthropic-version") { headers.append(("anthropic-version", version)) }
        if let betas = request.header("anthropic-beta") { headers.append(("anthropic-beta", betas)) }
        return headers
    }
}

/// The decoded request of a Responses API call, behind one pointer (see `InboundCall.responses`).
final class ResponsesEnvelope: Sendable {
    let request: ChatRequest
    init(_ request: ChatRequest) { self.request = request }
}
