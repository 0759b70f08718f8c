import HTTP
import HTTP1
import Loop
import Wire

extension Gateway {
    /// `POST /v1/embeddings` (OpenAI's shape) to an OpenAI-compatible or Gemini deployment.
    func embeddings(_ request: ServerRequest, _ writer: ResponseWriter, _ record: inout RequestRecord,
                    _ headers: Headers) async {
        guard let admitted = await admit(request, writer, &record, headers, inbound: .openAI, for: .embeddings) else { return }
        let call = admitted.call
        let deployment = admitted.deployments[0]
        let upstreamRequest: UpstreamRequest
        var gemini: GeminiEmbeddings?
        do throws(GatewayError) {
            // The provider's own dialect: a model's `api: responses` changes its chat calls only.
            switch deployment.providerType.dialect {
            case .openAI, .openAIResponses:
                let body = ProviderAdapter.splice(call, upstreamModel: deployment.upstreamModel)
                upstreamRequest = UpstreamRequest(url: deployment.url(path: "/embeddings"),
                                                  headers: ProviderAdapter.headers(for: deployment, streaming: false),
                                                  body: body, timeouts: deployment.timeouts(streaming: false))
            case .gemini:
                let converted: GeminiEmbeddings
                do { converted = try GeminiEmbeddings(openAIRequest: request.body) } catch {
                    throw GatewayError(.invalidField, status: .badRequest, error.message, param: "input")
                }
                gemini = converted
                upstreamRequest = UpstreamRequest(url: deployment.url(path: converted.path(upstreamModel: deployment.upstreamModel)),
                                                  headers: ProviderAdapter.headers(for: deployment, streaming: false),
                                                  body: converted.geminiBody(upstreamModel: deployment.upstreamModel),
                                                  timeouts: deployment.timeouts(streaming: false))
            case .anthropic:
                throw GatewayError(.unsupported, status: .badRequest,
                                   "The model '\(call.model)' is served by \(deployment.provider), an Anthropic provider, which offers no embeddings.",
                                   param: "model")
            }
        } catch {
            record.errorCode = error.code.rawValue
            writer.respond(error, headers: admitted.headers)
            return
        }
        record.servedModel = deployment.model
        record.provider = deployment.provider
        var headers = admitted.headers
        headers.append(name: "x-switchyard-model", value: deployment.model)
        headers.append(name: "Content-Type", value: "application/json")
        let transfer = upstream.send(upstreamRequest)
        record.upstreamSentAt = EventLoop.hrtime()
        record.timing.upstreamSent(at: record.upstreamSentAt!)
        writer.onClientGone { transfer.cancel() }
        do {
            let head = try await transfer.head()
            record.firstByteAt = EventLoop.hrtime()
            let body = try await transfer.collect()
            record.timing.upstreamReady(at: EventLoop.hrtime())
            let upstreamDialect = deployment.providerType.dialect
            if head.status >= 400 {
                let outcome = WholeRelay.relayError(status: head.status, body: body, retryAfter: head.header("retry-after"),
                                                    inbound: .openAI, upstream: upstreamDialect)
                record.errorCode = outcome.error?.kind.rawValue
                writer.respond(status: HTTPStatus(outcome.status), headers: headers, body: outcome.body)
            } else if let gemini {
                do {
                    writer.respond(status: .ok, headers: headers, body: try gemini.openAIResponse(fromGemini: body))
                } catch {
                    record.errorCode = GatewayError.Code.upstreamError.rawValue
                    writer.respond(GatewayError(.upstreamError, status: .badGateway, "The upstream answer could not be read."), headers: headers)
                }
            } else {
                record.usage = (try? OpenAIResponseSummary.scan(body))?.usage
                writer.respond(status: HTTPStatus(head.status), headers: headers, body: body)
            }
        } catch {
            record.timing.upstreamReady(at: EventLoop.hrtime())
            let failure = GatewayError.from(error)
            record.errorCode = failure.code.rawValue
            if !writer.isClientGone { writer.respond(failure, headers: headers) }
        }
    }
}
