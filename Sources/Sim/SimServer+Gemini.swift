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
        let faults: SimFaultPlan
        do {
            decoded = try GeminiDialect.decode(request.body, model: model, stream: stream)
            timing = try SimTiming(options: options, headers: request.head.headers)
            faults = try faultPlan(model: model, timing: timing, headers: request.head.headers)
        } catch {
            return sendGemini(error, to: writer)
        }
        if let status = faults.failStatus {
            stats.failuresInjected += 1
            return sendGemini(.injected(status: status, retryAfter: faults.retryAfter), to: writer)
        }
        let completion = ContentGenerator.completion(for: decoded.chat)
        let answer = GeminiDialect.answer(decoded, completion: completion, random: &ids)
        if stream {
            let encoder = GeminiSimStream(answer: answer, sse: GeminiRoute.wantsSSE(request.query))
            await self.stream(completion, encoder: encoder, timing: timing, faults: faults, headers: Headers(), to: writer)
            return
        }
        await answerWhole(GeminiDialect.responseBody(answer), contentType: Self.geminiJSON,
                          pieces: completion.completionTokens, timing: timing, faults: faults,
                          headers: Headers(), to: writer)
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

    static let geminiJSON = "application/json; charset=UTF-8"

    private func sendGeminiJSON(_ body: [UInt8], to writer: ResponseWriter) {
        var headers = Headers()
        headers.append(name: "Content-Type", value: Self.geminiJSON)
        writer.respond(status: .ok, headers: headers, body: body)
    }
}
