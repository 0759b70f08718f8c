import HTTP
import HTTP1

extension SimServer {
    /// `POST /v1/chat/completions`: validate, maybe fail on purpose, then answer whole or streamed
    /// after the configured latency, with the request's faults.
    func chatCompletion(_ request: ServerRequest, _ writer: ResponseWriter) async {
        stats.requests += 1
        let chat: SimChatRequest
        let timing: SimTiming
        let faults: SimFaultPlan
        do {
            chat = try OpenAIDialect.decodeChat(request.body)
            timing = try SimTiming(options: options, headers: request.head.headers)
            faults = try faultPlan(model: chat.model, timing: timing, headers: request.head.headers)
        } catch {
            return send(error, to: writer)
        }
        if let status = faults.failStatus {
            stats.failuresInjected += 1
            return send(.injected(status: status, retryAfter: faults.retryAfter), to: writer)
        }
        let completion = ContentGenerator.completion(for: chat)
        let identity = OpenAIDialect.identity(model: chat.model, created: Self.unixTime(), random: &ids)
        var headers = Headers(reservingFields: 4, bytes: 96)
        headers.append(name: "x-request-id", value: "req_" + ResponseIdentity.randomToken(24, &ids))
        if chat.stream {
            let encoder = OpenAIStreamEncoder(identity: identity, includeUsage: chat.includeUsage)
            await stream(completion, encoder: encoder, timing: timing, faults: faults, headers: headers, to: writer)
        } else {
            await answerWhole(OpenAIDialect.completionBody(completion, identity: identity),
                              pieces: completion.completionTokens, timing: timing, faults: faults,
                              headers: headers, to: writer)
        }
    }
}
