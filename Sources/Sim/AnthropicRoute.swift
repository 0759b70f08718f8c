import HTTP
import HTTP1
import Wire

extension SimServer {
    /// `POST /v1/messages`: validate, maybe fail on purpose, then answer whole or streamed after
    /// the configured latency, with the generator, pacing, faults and stats the OpenAI side uses.
    func anthropicMessages(_ request: ServerRequest, _ writer: ResponseWriter) async {
        let requestID = "req_011" + ResponseIdentity.randomToken(21, &ids)
        guard request.method == .post else {
            return sendAnthropic(AnthropicDialect.methodNotAllowed(method: request.method.rawValue),
                                 requestID: requestID, to: writer)
        }
        stats.requests += 1
        let decoded: AnthropicDialect.Request
        let timing: SimTiming
        let faults: SimFaultPlan
        do {
            decoded = try AnthropicDialect.decode(request.body)
            timing = try SimTiming(options: options, headers: request.head.headers)
            faults = try faultPlan(model: decoded.chat.model, timing: timing, headers: request.head.headers)
        } catch {
            return sendAnthropic(error, requestID: requestID, to: writer)
        }
        if let status = faults.failStatus {
            stats.failuresInjected += 1
            return sendAnthropic(.injected(status: status, retryAfter: faults.retryAfter), requestID: requestID, to: writer)
        }
        let completion = ContentGenerator.completion(for: decoded.chat)
        let identity = AnthropicDialect.identity(model: decoded.chat.model, random: &ids)
        var headers = Headers(reservingFields: 4, bytes: 96)
        headers.append(name: "request-id", value: requestID)
        if decoded.chat.stream {
            let usage = AnthropicDialect.usage(completion, system: decoded.system)
            let encoder = AnthropicSimStream(identity: identity, completion: completion, usage: usage)
            await stream(completion, encoder: encoder, timing: timing, faults: faults, headers: headers, to: writer)
            return
        }
        await answerWhole(AnthropicDialect.messageBody(completion, identity: identity, system: decoded.system),
                          pieces: completion.completionTokens, timing: timing, faults: faults,
                          headers: headers, to: writer)
    }

    /// `POST /v1/messages/count_tokens`: the prompt tokens a messages call with this body would
    /// report (the canonical count, cache reads and writes included), as `{"input_tokens": N}`.
    /// Counting is free at Anthropic, so it injects no faults and counts as no request.
    func anthropicCountTokens(_ request: ServerRequest, _ writer: ResponseWriter) {
        let requestID = "req_011" + ResponseIdentity.randomToken(21, &ids)
        guard request.method == .post else {
            return sendAnthropic(AnthropicDialect.methodNotAllowed(method: request.method.rawValue),
                                 requestID: requestID, to: writer)
        }
        let decoded: AnthropicDialect.Request
        do { decoded = try AnthropicDialect.decode(request.body, requiresMaxTokens: false) } catch {
            return sendAnthropic(error, requestID: requestID, to: writer)
        }
        let tokens = TokenEstimator.promptTokens(messageTexts: decoded.chat.messages.lazy.map(\.text))
        var headers = Headers()
        headers.append(name: "request-id", value: requestID)
        sendJSON(Array("{\"input_tokens\":\(tokens)}".utf8), extraHeaders: headers, to: writer)
    }

    private func sendAnthropic(_ failure: SimError, requestID: String, to writer: ResponseWriter) {
        let response = AnthropicDialect.errorResponse(failure, requestID: requestID)
        writer.respond(status: response.status, headers: response.headers, body: response.body)
    }
}
