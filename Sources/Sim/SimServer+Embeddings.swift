import HTTP
import HTTP1
import Wire

extension SimServer {
    /// `POST /v1/embeddings` in OpenAI's format, with the vectors the Gemini routes give, so a
    /// gateway can forward embeddings to OpenAI-compatible upstreams. Failures only when the
    /// `x-sim-fail-status` header forces one.
    func openAIEmbeddings(_ request: ServerRequest, _ writer: ResponseWriter) {
        do {
            let timing = try SimTiming(options: options, headers: request.head.headers)
            if let status = timing.forcedFailure {
                stats.failuresInjected += 1
                let retryAfter = timing.retryAfter ?? (status == 429 ? 1 : nil)
                return send(.injected(status: status, retryAfter: retryAfter), to: writer)
            }
            let decoded = try OpenAIDialect.decodeEmbeddings(request.body)
            sendJSON(OpenAIDialect.embeddingsBody(decoded), to: writer)
        } catch {
            send(error, to: writer)
        }
    }
}
