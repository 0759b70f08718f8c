import HTTP
import HTTP1

extension SimServer {
    /// `POST /v1/chat/completions`: validate, maybe fail on purpose, then answer whole or streamed
    /// after the configured latency.
    func chatCompletion(_ request: ServerRequest, _ writer: ResponseWriter) async {
        stats.requests += 1
        let chat: SimChatRequest
        let timing: SimTiming
        do {
            chat = try OpenAIDialect.decodeChat(request.body)
            timing = try SimTiming(options: options, headers: request.head.headers)
        } catch {
            return send(error, to: writer)
        }
        // A forced failure short-circuits the draw, so headers do not shift the seeded sequence.
        if let status = timing.forcedFailure ?? faults.nextFailure() {
            stats.failuresInjected += 1
            let retryAfter = timing.retryAfter ?? (status == 429 ? 1 : nil)
            return send(.injected(status: status, retryAfter: retryAfter), to: writer)
        }
        let completion = ContentGenerator.completion(for: chat)
        let identity = OpenAIDialect.identity(model: chat.model, created: Self.unixTime(), random: &ids)
        var headers = Headers(reservingFields: 4, bytes: 96)
        headers.append(name: "x-request-id", value: "req_" + ResponseIdentity.randomToken(24, &ids))
        if chat.stream {
            let encoder = OpenAIStreamEncoder(identity: identity, includeUsage: chat.includeUsage)
            await stream(completion, encoder: encoder, timing: timing, headers: headers, to: writer)
        } else {
            await answerWhole(completion, identity: identity, timing: timing, headers: headers, to: writer)
        }
    }

    /// Waits as long as generating the whole answer would take, then sends it.
    private func answerWhole(_ completion: SimCompletion, identity: ResponseIdentity, timing: SimTiming,
                             headers: Headers, to writer: ResponseWriter) async {
        let delay = timing.totalMs(pieces: completion.completionTokens)
        if delay > 0 {
            let pacer = Pacer(loop: loop)
            writer.onClientGone { pacer.cancel() }
            let waited = await pacer.sleep(milliseconds: delay)
            pacer.close()
            guard waited else { return }
        }
        sendJSON(OpenAIDialect.completionBody(completion, identity: identity), extraHeaders: headers, to: writer)
    }
}
