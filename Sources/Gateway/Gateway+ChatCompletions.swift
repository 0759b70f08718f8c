import HTTP
import HTTP1
import Loop
import Wire

extension Gateway {
    /// `POST /v1/chat/completions` to an OpenAI-dialect upstream: the body is scanned, not
    /// decoded; only `model` (and, for streams, `stream_options`) is spliced.
    func chatCompletions(_ request: ServerRequest, _ writer: ResponseWriter,
                         _ record: inout RequestRecord, _ headers: Headers) async {
        let prepared: PreparedCall
        do {
            prepared = try prepareChat(request.body, requestedModel: &record.model)
        } catch {
            record.errorCode = error.code.rawValue
            writer.respond(error, headers: headers)
            return
        }
        record.model = prepared.requestedModel
        record.servedModel = prepared.deployment.model
        record.provider = prepared.deployment.provider
        record.stream = prepared.stream
        var headers = headers
        headers.append(name: "x-switchyard-model", value: prepared.deployment.model)

        let deployment = prepared.deployment
        let transfer = upstream.send(UpstreamRequest(
            url: deployment.baseURL + "/chat/completions",
            headers: deployment.openAIHeaders(streaming: prepared.stream),
            body: prepared.body,
            timeouts: deployment.timeouts))
        record.upstreamSentAt = EventLoop.hrtime()
        record.timing.upstreamSent(at: record.upstreamSentAt!)
        writer.onClientGone { transfer.cancel() }

        do {
            let head = try await transfer.head()
            record.firstByteAt = EventLoop.hrtime()
            if prepared.stream { record.timing.upstreamReady(at: record.firstByteAt!) }
            if prepared.stream && head.status == 200 {
                try await relayStream(transfer, head, prepared, writer, &record, headers)
            } else {
                try await relayWhole(transfer, head, writer, &record, headers)
            }
        } catch {
            record.timing.upstreamReady(at: EventLoop.hrtime())
            let failure = GatewayError.from(error)
            record.errorCode = failure.code.rawValue
            if writer.isClientGone { return }
            if !writer.isStarted {
                writer.respond(failure, headers: headers)
            } else {
                // Bytes already reached the client: end the stream with an error event it can parse.
                _ = await writer.write(Self.streamErrorEvent(failure))
                writer.finish()
            }
        }
    }

    /// A validated request ready to send upstream.
    struct PreparedCall {
        let requestedModel: String
        let deployment: Deployment
        let stream: Bool
        let clientWantsUsage: Bool
        let body: [UInt8]
    }

    func prepareChat(_ body: [UInt8]) throws(GatewayError) -> PreparedCall {
        var model: String?
        return try prepareChat(body, requestedModel: &model)
    }

    /// `requestedModel` is set as soon as it is known, so a refused request is still logged
    /// and counted under the model it asked for.
    func prepareChat(_ body: [UInt8], requestedModel: inout String?) throws(GatewayError) -> PreparedCall {
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
        guard let deployment = models.deployment(for: model) else {
            throw GatewayError(.modelNotFound, status: .notFound,
                               "The model '\(model)' does not exist or you do not have access to it.", param: "model")
        }
        let stream = fields.stream ?? false
        var splice = JSONSplice()
        if deployment.upstreamModel != model { splice.setModel(deployment.upstreamModel, in: fields) }
        if stream && !fields.includeUsage { splice.requestUsage(in: fields) }
        let out = splice.isEmpty ? body : splice.apply(to: body)
        return PreparedCall(requestedModel: model, deployment: deployment, stream: stream,
                            clientWantsUsage: fields.includeUsage, body: out)
    }

    private func relayWhole(_ transfer: UpstreamTransfer, _ head: UpstreamResponseHead, _ writer: ResponseWriter,
                            _ record: inout RequestRecord, _ headers: Headers) async throws(UpstreamError) {
        let body: [UInt8]
        do { body = try await transfer.collect() } catch {
            record.timing.upstreamReady(at: EventLoop.hrtime())
            throw error
        }
        record.timing.upstreamReady(at: EventLoop.hrtime())
        var headers = headers
        headers.append(name: "Content-Type", value: head.header("content-type") ?? "application/json")
        if let summary = try? OpenAIResponseSummary.scan(body) {
            record.usage = summary.usage
        }
        if head.status >= 400 {
            record.errorCode = GatewayError.Code.upstreamError.rawValue
            // A provider's own error object is the most useful answer; anything else from a
            // failing upstream becomes a 502 in OpenAI's shape.
            if (try? JSONValue.parse(body))?["error"] == nil {
                writer.respond(GatewayError(.upstreamError, status: .badGateway,
                                            "The upstream provider failed with status \(head.status)."),
                               headers: headers)
                return
            }
        }
        writer.respond(status: HTTPStatus(head.status), headers: headers, body: body)
    }

    private func relayStream(_ transfer: UpstreamTransfer, _ head: UpstreamResponseHead, _ prepared: PreparedCall,
                             _ writer: ResponseWriter, _ record: inout RequestRecord,
                             _ headers: Headers) async throws(UpstreamError) {
        var headers = headers
        headers.append(name: "Content-Type", value: "text/event-stream")
        headers.append(name: "Cache-Control", value: "no-cache")
        writer.startStream(status: .ok, headers: headers)
        var filter = OpenAIStreamFilter(stripUsage: !prepared.clientWantsUsage)
        defer { record.usage = filter.usage }
        while let piece = try await transfer.next() {
            let out: [UInt8]
            do { out = try filter.feed(piece) } catch {
                transfer.cancel()
                record.errorCode = GatewayError.Code.upstreamError.rawValue
                _ = await writer.write(Self.streamErrorEvent(GatewayError(.upstreamError, status: .badGateway,
                                                                          "The upstream stream was malformed.")))
                writer.finish()
                return
            }
            if !out.isEmpty, await !writer.write(out) {
                transfer.cancel()
                return
            }
        }
        let rest = filter.finish()
        if !rest.isEmpty { await writer.write(rest) }
        writer.finish()
    }

    static func streamErrorEvent(_ error: GatewayError) -> [UInt8] {
        var out = Array("data: ".utf8)
        out += error.openAI.encoded()
        out += Array("\n\n".utf8)
        return out
    }
}
