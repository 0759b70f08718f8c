#if canImport(Glibc)
import Glibc
#endif
import HTTP
import HTTP1
import Loop
import Wire

extension Gateway {
    /// A chat call in either inbound dialect (`/v1/chat/completions`, `/v1/messages`) to a
    /// deployment of any dialect.
    func chat(_ request: ServerRequest, _ writer: ResponseWriter, _ record: inout RequestRecord,
              _ headers: Headers, inbound: Dialect) async {
        record.dialect = inbound
        let call: InboundCall
        let deployment: Deployment
        let upstreamRequest: UpstreamRequest
        let reservation: Reservation
        do throws(GatewayError) {
            let principal = try await accounting.authenticate(request, model: nil)
            record.principal = principal
            call = try scanChat(request.body, dialect: inbound, requestedModel: &record.model)
            record.stream = call.stream
            try accounting.checkAllowed(principal, model: call.model)
            record.tags = try attribution(principal, request, call)
            deployment = try resolve(call.model)
            record.deployment = deployment
            upstreamRequest = try ProviderAdapter.chatRequest(call, to: deployment)
            reservation = try accounting.admit(
                principal, tags: record.tags, deployment: deployment, tagLimits: tagLimits,
                promptTokens: TokenEstimate.tokens(bytes: request.body.count),
                maxOutputTokens: call.fields.maxTokens ?? call.fields.maxCompletionTokens)
            record.reservation = reservation
        } catch {
            record.errorCode = error.code.rawValue
            if error.code == .rateLimited || error.code == .budgetExceeded { noteRefusal(error) }
            writer.respond(error, dialect: inbound, headers: headers)
            return
        }
        record.servedModel = deployment.model
        record.provider = deployment.provider
        var headers = headers
        headers.append(name: "x-switchyard-model", value: deployment.model)
        for (name, value) in Accounting.limitHeaders(reservation, now: record.wallClockMs) {
            headers.append(name: name, value: value)
        }

        let transfer = upstream.send(upstreamRequest)
        record.upstreamSentAt = EventLoop.hrtime()
        record.timing.upstreamSent(at: record.upstreamSentAt!)
        writer.onClientGone { transfer.cancel() }
        let upstreamDialect = deployment.providerType.dialect
        do {
            let head = try await transfer.head()
            record.firstByteAt = EventLoop.hrtime()
            if call.stream && head.status == 200 {
                record.timing.upstreamReady(at: record.firstByteAt!)
                try await relayStream(transfer, call, upstreamDialect, writer, &record, headers)
            } else {
                try await relayWhole(transfer, head, call, upstreamDialect, writer, &record, headers)
            }
        } catch {
            record.timing.upstreamReady(at: EventLoop.hrtime())
            let failure = GatewayError.from(error)
            record.errorCode = failure.code.rawValue
            if writer.isClientGone { return }
            if !writer.isStarted {
                writer.respond(failure, dialect: inbound, headers: headers)
            } else {
                // Bytes already reached the client: end the stream with an error event it can parse.
                _ = await writer.write(Self.streamErrorEvent(failure.providerError, dialect: inbound))
                writer.finish()
            }
        }
    }

    /// Validates the body and finds the routing fields without decoding it.
    /// `requestedModel` is set as soon as it is known, so a refused request is still logged
    /// and counted under the model it asked for.
    func scanChat(_ body: [UInt8], dialect: Dialect, requestedModel: inout String?) throws(GatewayError) -> InboundCall {
        let fields: RequestFields
        do {
            fields = try RequestFields.scan(body)
        } catch {
            throw GatewayError(.malformedJSON, status: .badRequest,
                               "The request body is not valid JSON (\(error.description)).")
        }
        guard let model = fields.model else {
            let message = fields.modelField == nil
                ? "You must provide a model parameter." : "The model parameter must be a string."
            throw GatewayError(.missingField, status: .badRequest, message, param: "model")
        }
        requestedModel = model
        if fields.streamField != nil && fields.stream == nil {
            throw GatewayError(.invalidField, status: .badRequest, "The stream parameter must be a boolean.", param: "stream")
        }
        if dialect == .anthropic && fields.maxTokens == nil {
            throw GatewayError(.missingField, status: .badRequest, "max_tokens: Field required", param: "max_tokens")
        }
        let stream = fields.stream ?? false
        return InboundCall(dialect: dialect, body: body, fields: fields, model: model, stream: stream,
                           clientWantsUsage: dialect == .anthropic || fields.includeUsage)
    }

    /// The key's tags, then `x-switchyard-tags`, then OpenAI's `metadata` and `user`.
    func attribution(_ principal: Principal, _ request: ServerRequest, _ call: InboundCall) throws(GatewayError) -> [String: String] {
        var tags = principal.key?.tags ?? [:]
        if let header = request.header("x-switchyard-tags") {
            tags.merge(try Attribution.parseHeader(header)) { $1 }
        }
        if call.dialect == .openAI {
            tags.merge(Attribution.fromBody(call.body, fields: call.fields)) { $1 }
        }
        guard tags.count <= Attribution.maxTags * 2 else {
            throw GatewayError(.invalidHeader, status: .badRequest, "The request carries \(tags.count) tags; at most \(Attribution.maxTags * 2) are allowed.")
        }
        return tags
    }

    func resolve(_ model: String) throws(GatewayError) -> Deployment {
        guard let deployment = models.deployment(for: model) else {
            throw GatewayError(.modelNotFound, status: .notFound,
                               "The model '\(model)' does not exist or you do not have access to it.", param: "model")
        }
        return deployment
    }

    private func relayWhole(_ transfer: UpstreamTransfer, _ head: UpstreamResponseHead, _ call: InboundCall,
                            _ upstreamDialect: Dialect, _ writer: ResponseWriter, _ record: inout RequestRecord,
                            _ headers: Headers) async throws(UpstreamError) {
        let body: [UInt8]
        do { body = try await transfer.collect() } catch {
            record.timing.upstreamReady(at: EventLoop.hrtime())
            throw error
        }
        record.timing.upstreamReady(at: EventLoop.hrtime())
        let outcome = WholeRelay.relay(status: head.status, body: body, retryAfter: head.header("retry-after"),
                                       inbound: call.dialect, upstream: upstreamDialect,
                                       requestedModel: call.model, created: Self.unixTime())
        record.usage = outcome.usage
        if let error = outcome.error { record.errorCode = error.kind.rawValue }
        var headers = headers
        headers.append(name: "Content-Type", value: "application/json")
        if let retryAfter = head.header("retry-after") { headers.append(name: "retry-after", value: retryAfter) }
        writer.respond(status: HTTPStatus(outcome.status), headers: headers, body: outcome.body)
    }

    private func relayStream(_ transfer: UpstreamTransfer, _ call: InboundCall, _ upstreamDialect: Dialect,
                             _ writer: ResponseWriter, _ record: inout RequestRecord,
                             _ headers: Headers) async throws(UpstreamError) {
        var headers = headers
        headers.append(name: "Content-Type", value: "text/event-stream")
        headers.append(name: "Cache-Control", value: "no-cache")
        writer.startStream(status: .ok, headers: headers)
        var relay = StreamRelay(inbound: call.dialect, upstream: upstreamDialect, clientWantsUsage: call.clientWantsUsage,
                                requestedModel: call.model, created: Self.unixTime())
        defer {
            record.usage = relay.usage
            if relay.sawError && record.errorCode == nil { record.errorCode = GatewayError.Code.upstreamError.rawValue }
        }
        while let piece = try await transfer.next() {
            let out = relay.feed(piece)
            if !out.isEmpty, await !writer.write(out) {
                transfer.cancel()
                return
            }
        }
        let rest = relay.finish()
        if !rest.isEmpty { await writer.write(rest) }
        writer.finish()
    }

    /// An error event closing a stream that already started, in the caller's dialect.
    static func streamErrorEvent(_ error: ProviderError, dialect: Dialect) -> [UInt8] {
        var out: [UInt8] = []
        switch dialect {
        case .anthropic:
            AnthropicEventWriter.error(error, to: &out)
        case .openAI, .gemini:
            out = Array("data: ".utf8) + OpenAIErrorMapping.encode(error).body + Array("\n\n".utf8)
        }
        return out
    }

    static func unixTime() -> Int {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return spec.tv_sec
    }
}
