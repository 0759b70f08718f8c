import HTTP
import HTTP1

extension SimServer {
    /// `POST /v1/responses`: validate, maybe fail on purpose, then answer whole or streamed
    /// after the configured latency, with the generator, pacing, faults and stats that chat
    /// completions use. Errors are OpenAI error objects, as on chat completions.
    func responses(_ request: ServerRequest, _ writer: ResponseWriter) async {
        stats.requests += 1
        let decoded: ResponsesDialect.Request
        let timing: SimTiming
        let faults: SimFaultPlan
        do {
            decoded = try ResponsesDialect.decode(request.body)
            timing = try SimTiming(options: options, headers: request.head.headers)
            faults = try faultPlan(model: decoded.chat.model, timing: timing, headers: request.head.headers)
        } catch {
            return send(error, to: writer)
        }
        if let status = faults.failStatus {
            stats.failuresInjected += 1
            return send(.injected(status: status, retryAfter: faults.retryAfter), to: writer)
        }
        let completion = ResponsesDialect.completion(for: decoded)
        let created = Self.unixTime()
        let dueMs = faults.totalMs(pieces: completion.completionTokens, timing: timing)
        let answer = ResponsesDialect.Answer(id: ResponsesDialect.responseID(random: &ids), createdAt: created,
                                             completedAt: created + Int((dueMs + 999) / 1000), request: decoded,
                                             completion: completion)
        var headers = Headers(reservingFields: 4, bytes: 96)
        headers.append(name: "x-request-id", value: "req_" + ResponseIdentity.randomToken(24, &ids))
        if decoded.chat.stream {
            await stream(completion, encoder: ResponsesSimStream(answer: answer), timing: timing, faults: faults,
                         headers: headers, to: writer)
        } else {
            await answerWhole(ResponsesDialect.responseBody(answer), pieces: completion.completionTokens,
                              timing: timing, faults: faults, headers: headers, to: writer)
        }
    }

    /// The `resp_` id in `/v1/responses/{id}` and its sub-paths (`/cancel`, `/input_items`), if
    /// the path has that shape. The simulator stores no responses, so each is one OpenAI no
    /// longer has; other paths under `/v1/responses/` are unknown routes here.
    static func storedResponseID(in path: Substring) -> Substring? {
        for prefix in ["/v1/responses/", "/responses/"] where path.hasPrefix(prefix) {
            let id = path.dropFirst(prefix.count).prefix { $0 != "/" }
            return id.hasPrefix("resp_") ? id : nil
        }
        return nil
    }

    /// OpenAI's 404 for a response it does not have.
    static func responseNotFound(_ id: Substring) -> SimError {
        SimError(.unknownPath, status: 404, message: "Response with id '\(id)' not found.")
    }
}
