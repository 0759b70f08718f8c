import HTTP
import HTTP1
import Loop
import Wire

extension Gateway {
    /// `POST /v1/messages/count_tokens`: Anthropic's token count, which Claude Code calls on
    /// every turn to manage its context window.
    ///
    /// An Anthropic deployment counts exactly: the body goes to its `count_tokens` with the
    /// upstream model spliced in. Other providers have no count for a Messages body, and a router
    /// has chosen no model yet, so the gateway estimates what the model reads and says so in
    /// `x-switchyard-estimated`; a count it cannot make exactly is still a usable budget for
    /// the client's context. Counting spends no tokens: it takes the caller's key and model
    /// list, but no rate limit, budget or ledger row.
    func countTokens(_ request: ServerRequest, _ writer: ResponseWriter, _ record: inout RequestRecord,
                     _ headers: Headers) async {
        let call: InboundCall
        let served: Deployment?  // nil for a router id, which has chosen no model yet
        let counting: Deployment?  // the Anthropic deployment that counts; nil when the gateway estimates
        var estimate = 0
        do throws(GatewayError) {
            let principal = try await accounting.authenticate(request, model: nil)
            record.principal = principal
            var scanned = try scanChat(request.body, dialect: .anthropic, requestedModel: &record.model, requiresMaxTokens: false)
            scanned.anthropicHeaders = InboundCall.anthropicHeaders(of: request)
            call = scanned
            try accounting.checkAllowed(principal, model: call.model)
            served = routing.router(named: call.model) != nil ? nil : try resolve(call.model)
            counting = served?.providerType.dialect == .anthropic ? served : nil
            if counting == nil { estimate = Self.estimatedInputTokens(try call.canonical(requiresMaxTokens: false)) }
        } catch {
            record.errorCode = error.code.rawValue
            writer.respond(error, dialect: .anthropic, headers: headers)
            return
        }
        var headers = headers
        if let served {
            record.servedModel = served.model
            headers.append(name: "x-switchyard-model", value: served.model)
        }
        guard let deployment = counting else {
            headers.append(name: "Content-Type", value: "application/json")
            headers.append(name: "x-switchyard-estimated", value: "true")
            writer.respond(status: .ok, headers: headers, body: Array("{\"input_tokens\":\(estimate)}".utf8))
            return
        }
        record.provider = deployment.provider
        let transfer = upstream.send(UpstreamRequest(
            url: deployment.url(path: "/v1/messages/count_tokens"),
            headers: ProviderAdapter.headers(for: deployment, streaming: false, forwarding: call.anthropicHeaders),
            body: ProviderAdapter.splice(call, upstreamModel: deployment.upstreamModel),
            timeouts: deployment.timeouts(streaming: false)))
        record.upstreamSentAt = EventLoop.hrtime()
        writer.onClientGone { transfer.cancel() }
        do {
            let head = try await transfer.head()
            record.firstByteAt = EventLoop.hrtime()
            let body = try await transfer.collect()
            // Anthropic to Anthropic: its answer, error or count, is already in the caller's shape.
            if head.status >= 400 { record.errorCode = GatewayError.Code.upstreamError.rawValue }
            headers.append(name: "Content-Type", value: "application/json")
            writer.respond(status: HTTPStatus(head.status), headers: headers, body: body)
        } catch {
            let failure = GatewayError.from(error)
            record.errorCode = failure.code.rawValue
            if !writer.isClientGone { writer.respond(failure, dialect: .anthropic, headers: headers) }
        }
    }

    /// Tokens an image is taken to cost when its size is unknown: about what Anthropic charges
    /// for an image at its largest unscaled size (width × height / 750 for ~1.15 megapixels).
    nonisolated static let estimatedImageTokens = 1_600

    /// The input tokens of `request`, estimated as the gateway estimates elsewhere (four UTF-8
    /// bytes a token) over what the model reads: system prompt, text, tool calls and results,
    /// reasoning, tool definitions; plus a few tokens of framing per message and per image.
    nonisolated static func estimatedInputTokens(_ request: ChatRequest) -> Int {
        var bytes = request.system.reduce(0) { $0 + $1.utf8.count }
        for tool in request.tools {
            bytes += tool.name.utf8.count + (tool.description?.utf8.count ?? 0) + tool.parameters.utf8.count
        }
        var images = 0
        for message in request.messages {
            for part in message.parts {
                switch part {
                case .text(let text): bytes += text.utf8.count
                case .image: images += 1
                case .toolCall(_, let name, let arguments, _): bytes += name.utf8.count + arguments.utf8.count
                case .toolResult(_, _, let content, _): bytes += content.utf8.count
                case .thinking(let text, _): bytes += text.utf8.count
                }
            }
        }
        return TokenEstimate.tokens(bytes: bytes) + 4 * request.messages.count + 3 + estimatedImageTokens * images
    }
}
