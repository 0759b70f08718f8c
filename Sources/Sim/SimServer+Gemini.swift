import HTTP
import HTTP1
import Wire

extension SimServer {
    /// Gemini's `/v1beta/models/{model}:{method}` routes: generate (whole or streamed) and embed.
    /// Errors are in Gemini's shape; a request without an API key (`x-goog-api-key`, `key=` or a
    /// bearer token) is refused as Gemini refuses it.
    func gemini(_ route: GeminiRoute, _ request: ServerRequest, _ writer: ResponseWriter) async {
        guard request.method == .post else {
            return sendGemini(GeminiDialect.methodNotAllowed(request.method.rawValue), to: writer)
        }
        guard Self.hasGeminiKey(request) else { return sendGemini(GeminiDialect.missingKey, to: writer) }
        switch route.method {
        case .generateContent:
            await geminiGenerate(route.model, request, writer, stream: false)
        case .streamGenerateContent:
            await geminiGenerate(route.model, request, writer, stream: true)
        case .embedContent:
            geminiEmbed(request, writer) { (body) throws(SimError) in try GeminiDialect.embedContent(body, model: route.model) }
        case .batchEmbedContents:
            geminiEmbed(request, writer) { (body) throws(SimError) in
                try GeminiDialect.batchEmbedContents(body, model: route.model)
            }
        case .other(let name):
            sendGemini(GeminiDialect.unknownMethod(name, model: route.model), to: writer)
        }
    }

    static func hasGeminiKey(_ request: ServerRequest) -> Bool {
        if let key = request.header("x-goog-api-key"), !key.isEmpty { return true }
        if let key = GeminiRoute.queryKey(request.query), !key.isEmpty { return true }
        return request.header("authorization")?.hasPrefix("Bearer ") ?? false
    }

    private func geminiGenerate(_ model: String, _ request: ServerRequest, _ writer: ResponseWriter, stream: Bool) async {
        stats.requests += 1
        let decoded: GeminiDialect.Request
        let timing: SimTiming
        do {
            decoded = try GeminiDialect.decode(request.body, model: model, stream: stream)
            timing = try SimTiming(options: options, headers: request.head.headers)
        } catch {
            return sendGemini(error, to: writer)
        }
        if let status = timing.forcedFailure ?? faults.nextFailure() {
            stats.failuresInjected += 1
            let retryAfter = timing.retryAfter ?? (status == 429 ? 1 : nil)
            return sendGemini(.injected(status: status, retryAfter: retryAfter), to: writer)
        }
        let completion = ContentGenerator.completion(for: decoded.chat)
        let answer = GeminiDialect.answer(decoded, completion: completion, random: &ids)
        if stream {
            let encoder = GeminiSimStream(answer: answer, sse: GeminiRoute.wantsSSE(request.query))
            await self.stream(completion, encoder: encoder, timing: timing, headers: Headers(), to: writer)
            return
        }
        let delay = timing.totalMs(pieces: completion.completionTokens)
        if delay > 0 {
            let pacer = Pacer(loop: loop)
            writer.onClientGone { pacer.cancel() }
            let waited = await pacer.sleep(milliseconds: delay)
            pacer.close()
            guard waited else { return }
        }
        sendGeminiJSON(GeminiDialect.responseBody(answer), to: writer)
    }

    /// An embeddings call: no pacing, and failures only when a header forces one.
    private func geminiEmbed(_ request: ServerRequest, _ writer: ResponseWriter,
                             _ answer: ([UInt8]) throws(SimError) -> [UInt8]) {
        do {
            let timing = try SimTiming(options: options, headers: request.head.headers)
            if let status = timing.forcedFailure {
                stats.failuresInjected += 1
                return sendGemini(.injected(status: status, retryAfter: timing.retryAfter), to: writer)
            }
            sendGeminiJSON(try answer(request.body), to: writer)
        } catch {
            sendGemini(error, to: writer)
        }
    }

    func sendGemini(_ failure: SimError, to writer: ResponseWriter) {
        let response = GeminiDialect.errorResponse(failure)
        writer.respond(status: response.status, headers: response.headers, body: response.body)
    }

    private func sendGeminiJSON(_ body: [UInt8], to writer: ResponseWriter) {
        var headers = Headers()
        headers.append(name: "Content-Type", value: "application/json; charset=UTF-8")
        writer.respond(status: .ok, headers: headers, body: body)
    }
}
