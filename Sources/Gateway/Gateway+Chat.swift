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
        let call: InboundCall
        let deployment: Deployment
        let upstreamRequest: UpstreamRequest
        do {
            call = try scanChat(request.body, dialect: inbound, requestedModel: &record.model)
            deployment = try resolve(call.model)
            upstreamRequest = try ProviderAdapter.chatRequest(call, to: deployment)
        } catch {
            record.errorCode = error.code.rawValue
            writer.respond(error, dialect: inbound, headers: headers)
            return
        }
        record.servedModel = deployment.model
        record.provider = deployment.provider
        record.stream = call.stream
        var headers = headers
        headers.append(name: "x-switchyard-model", value: deployment.model)

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
