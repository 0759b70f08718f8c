#if canImport(Glibc)
import Glibc
#endif
import HTTP
import HTTP1
import Loop
import Reliability
import Wire

extension Gateway {
    /// A chat call in either inbound dialect (`/v1/chat/completions`, `/v1/messages`) to a
    /// deployment of any dialect. Returns true when a stream was handed to a task of its own,
    /// which then also finishes the request (`finish`); false when the call is answered.
    ///
    /// Admission and the attempt loop are async functions of their own, and a stream that
    /// started is relayed by a new task: a stream may stay open for minutes, and Swift's task
    /// allocator keeps a task's deepest stack of async frames (several KiB each, as they hold
    /// every value live across a suspension) until the task ends. Relayed in the request's
    /// task, those frames were most of the memory of an open stream; the relay's own task
    /// holds only the relay. The request's task still lives until it has relayed the first
    /// piece (a model's time to first token), so its frames count too: `@inline(never)` here and on
    /// the synchronous helpers the attempt loop calls keeps the optimiser from merging them
    /// into bigger frames (about 1 KiB per stream at 2,000-5,000 streams, measured).
    @inline(never)
    func chat(_ request: ServerRequest, _ writer: ResponseWriter, _ record: inout RequestRecord,
              _ headers: Headers, inbound: Dialect, for api: APICall = .chat) async -> Bool {
        guard let admitted = await admit(request, writer, &record, headers, inbound: inbound, for: api) else { return false }
        guard let stream = await dispatch(admitted.call, admitted.deployments, writer, &record, admitted.headers) else { return false }
        writer.handOff()
        activeRequests += 1
        // The first piece (the time to first token) goes out from this task; the rest from a
        // bulk one, whose jobs wait while the loop has other work ready (`EventLoop.drainLocal`):
        // when the loop is saturated, new requests and first tokens go first.
        // Only what the relay needs goes into the new task: not the request body, which may
        // be a long prompt. The record and relay are captured as variables (a heap box each),
        // not copied into the new task's frame.
        var relayed = record
        var relay = stream.relay
        // When the first piece came with the head (it usually does), both go out in one write.
        let firstPieceReady = stream.transfer.isNextReady
        startStream(writer, stream.headers, holdingHead: firstPieceReady)
        // Otherwise the model may think for minutes before its first token: keep the client's
        // connection alive through the proxies on the way.
        let keepalive = firstPieceReady ? nil : StreamKeepalive.start(writer, every: config.server.streamKeepaliveMs)
        var progress = await relayPieces(stream.transfer, &relay, stream.inbound, writer, &relayed, limit: 1)
        keepalive?.stop()
        writer.flushHead()
        // A stream's time to first token is its first body byte, not its head, which a reasoning
        // model sends at once and then thinks (the ledger, the metrics and the router's latency).
        if let first = stream.transfer.firstBodyAt { relayed.firstByteAt = first }
        EventLoop.shared.spawn(priority: .low) { [self] in
            if case .open = progress {
                progress = await relayPieces(stream.transfer, &relay, stream.inbound, writer, &relayed, limit: .max)
            }
            relayed.usage = relay.usage
            if relay.sawError && relayed.errorCode == nil { relayed.errorCode = GatewayError.Code.upstreamError.rawValue }
            let failure: UpstreamError? = if case .ended(let failure) = progress { failure } else { nil }
            relayed.attempts = Self.settle(stream, failure)
            if !writer.isFinished && !writer.isClientGone { writer.finish() }
            finish(relayed, writer)
            activeRequests -= 1
        }
        return true
    }

    /// Records the stream's attempt with its outcome; returns the plan's attempt records.
    @inline(never)
    private static func settle(_ stream: CommittedStream, _ failure: UpstreamError?) -> [AttemptRecord] {
        var plan = stream.plan
        _ = plan.record(stream.attempt, failure.map { .failed(TransportFailure($0)) }
                            ?? .answered(status: 200), now: EventLoop.shared.now)
        return plan.records
    }

    /// A stream whose upstream answered 200: what relaying it and recording its attempt need.
    struct CommittedStream {
        let transfer: UpstreamTransfer
        let attempt: Attempt
        let plan: AttemptPlan
        let relay: StreamRelay
        let inbound: Dialect
        let headers: Headers
    }

    /// Tries the deployments in order under the attempt plan: retries and fallbacks happen only
    /// while nothing has reached the client. Answers whole responses and errors itself; a
    /// stream that started is returned for `chat` to relay (after that a failure ends the
    /// stream in the caller's dialect).
    @inline(never)
    func dispatch(_ call: InboundCall, _ deployments: [Deployment], _ writer: ResponseWriter,
                  _ record: inout RequestRecord, _ baseHeaders: Headers) async -> CommittedStream? {
        var plan = AttemptPlan(candidates: attemptCandidates(deployments), policy: policies.retry(for: call.model), health: health,
                               affinity: affinity(of: call, for: deployments), seed: UInt64(truncatingIfNeeded: record.id.hashValue),
                               now: EventLoop.shared.now)
        defer { record.attempts = plan.records }
        var verdict: FailureClass?
        var lastAnswer: (status: Int, body: [UInt8], retryAfter: String?, dialect: Dialect)?
        var lastTransport: UpstreamError?
        while let attempt = plan.next(after: verdict, now: EventLoop.shared.now) {
            let deployment = deployments[attempt.candidate]
            record.timing.upstreamSent(at: EventLoop.hrtime())
            if attempt.delayMs > 0 {
                await EventLoop.shared.sleep(milliseconds: attempt.delayMs)
                if writer.isClientGone {
                    plan.abandon(attempt, now: EventLoop.shared.now)
                    record.errorCode = GatewayError.Code.clientClosed.rawValue
                    return nil
                }
            }
            let upstreamRequest: UpstreamRequest
            do throws(GatewayError) {
                upstreamRequest = try ProviderAdapter.chatRequest(
                    call, to: deployment, key: attempt.key.map { deployment.apiKeys[$0].secret })
            } catch {
                plan.abandon(attempt, now: EventLoop.shared.now)
                record.errorCode = error.code.rawValue
                writer.respond(error, dialect: call.dialect, headers: baseHeaders)
                return nil
            }
            record.servedModel = deployment.model
            record.provider = deployment.provider
            record.deployment = deployment
            var headers = baseHeaders
            headers.append(name: "x-switchyard-model", value: deployment.model)
            // Marked before `send`: curl writes the request inside it, and may read the answer's
            // first bytes there too, before it returns.
            let sentAt = EventLoop.hrtime()
            let transfer = upstream.send(upstreamRequest)
            record.upstreamSentAt = record.upstreamSentAt ?? sentAt
            writer.onClientGone { transfer.cancel() }
            let upstreamDialect = deployment.dialect
            do {
                let head = try await transfer.head()
                record.firstByteAt = EventLoop.hrtime()
                if head.status >= 400 {
                    let body = try await transfer.collect()
                    record.timing.upstreamReady(at: EventLoop.hrtime())
                    let error = WholeRelay.providerError(status: head.status, body: body, retryAfter: head.header("retry-after"),
                                                       dialect: upstreamDialect)
                    verdict = plan.record(attempt, .answered(status: head.status, kind: error.kind,
                                                             retryAfterSeconds: error.retryAfter), now: EventLoop.shared.now)
                    lastAnswer = (head.status, body, head.header("retry-after"), upstreamDialect)
                    lastTransport = nil
                    continue
                }
                // Same dialect on both sides: the provider's own request id reaches the caller
                // under its own name (Claude Code keeps Anthropic's `request-id` in its
                // transcripts; support desks ask for it). Translated answers carry only ours.
                if upstreamDialect == call.dialect, call.responses == nil, let name = Self.requestIDHeader(upstreamDialect),
                   let id = head.header(name) {
                    headers.append(name: name, value: id)
                }
                if call.stream && head.status == 200 {
                    record.timing.upstreamReady(at: record.firstByteAt!)
                    plan.commit()
                    let relay = StreamRelay(inbound: call.dialect, upstream: upstreamDialect, clientWantsUsage: call.clientWantsUsage,
                                            requestedModel: call.model, created: Self.unixTime(), responses: call.responses)
                    return CommittedStream(transfer: transfer, attempt: attempt, plan: plan, relay: relay,
                                           inbound: call.dialect, headers: headers)
                } else {
                    let body = try await transfer.collect()
                    record.timing.upstreamReady(at: EventLoop.hrtime())
                    // One validating pass: an OpenAI answer's scan checks the whole body and
                    // finds the usage the relay needs (validating first, then scanning, cost two).
                    let summary = upstreamDialect == .openAI ? try? OpenAIResponseSummary.scan(body) : nil
                    let malformed = upstreamDialect == .openAI ? summary == nil : (try? JSONScanner.validate(body)) == nil
                    if malformed {
                        // A 2xx whose body is not JSON (cut short, or garbage) is a failed attempt:
                        // nothing reached the client yet, so the plan may still fall back.
                        verdict = plan.record(attempt, .failed(.reset), now: EventLoop.shared.now)
                        lastTransport = UpstreamError(.reset, "malformed response body")
                        lastAnswer = nil
                        continue
                    }
                    _ = plan.record(attempt, .answered(status: head.status), now: EventLoop.shared.now)
                    relayWhole(head, body, call, upstreamDialect, writer, &record, headers, summary: summary)
                }
                return nil
            } catch {
                record.timing.upstreamReady(at: EventLoop.hrtime())
                let failure = TransportFailure(error)
                verdict = plan.record(attempt, .failed(failure), now: EventLoop.shared.now)
                if writer.isClientGone || error.kind == .canceled {
                    record.errorCode = GatewayError.Code.clientClosed.rawValue
                    return nil
                }
                lastTransport = error
                lastAnswer = nil
            }
        }
        if writer.isClientGone { return nil }
        answerFailure(lastAnswer, lastTransport, call, writer, &record, baseHeaders)
        return nil
    }

    /// The response header a provider dialect names its request id in.
    static func requestIDHeader(_ dialect: Dialect) -> String? {
        switch dialect {
        case .openAI, .openAIResponses: "x-request-id"
        case .anthropic: "request-id"
        case .gemini: nil
        }
    }

    /// The client's answer when every attempt failed: the last upstream error in the caller's
    /// dialect, or the last transport failure.
    @inline(never)
    private func answerFailure(_ answer: (status: Int, body: [UInt8], retryAfter: String?, dialect: Dialect)?,
                               _ lastTransport: UpstreamError?, _ call: InboundCall, _ writer: ResponseWriter,
                               _ record: inout RequestRecord, _ baseHeaders: Headers) {
        if let answer {
            let outcome = WholeRelay.relayError(status: answer.status, body: answer.body, retryAfter: answer.retryAfter,
                                                inbound: call.dialect, upstream: answer.dialect)
            record.errorCode = outcome.error?.kind.rawValue ?? GatewayError.Code.upstreamError.rawValue
            var headers = baseHeaders
            headers.append(name: "Content-Type", value: "application/json")
            if let retryAfter = answer.retryAfter { headers.append(name: "retry-after", value: retryAfter) }
            else if let seconds = outcome.error?.retryAfter { headers.append(name: "retry-after", value: String(seconds)) }
            writer.respond(status: HTTPStatus(outcome.status), headers: headers, body: outcome.body)
        } else {
            let failure = lastTransport.map(GatewayError.from)
                ?? GatewayError(.upstreamUnavailable, status: .serviceUnavailable, "No healthy deployment can serve this model right now.")
            record.errorCode = failure.code.rawValue
            writer.respond(failure, dialect: call.dialect, headers: baseHeaders)
        }
    }

    /// Validates the body and finds the routing fields without decoding it.
    /// `requestedModel` is set as soon as it is known, so a refused request is still logged
    /// and counted under the model it asked for.
    /// `requiresMaxTokens` false reads an Anthropic `count_tokens` body, which has none.
    func scanChat(_ body: [UInt8], dialect: Dialect, requestedModel: inout String?,
                  requiresMaxTokens: Bool = true) throws(GatewayError) -> InboundCall {
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
        if dialect == .anthropic && requiresMaxTokens && fields.maxTokens == nil {
            throw GatewayError(.missingField, status: .badRequest, "max_tokens: Field required", param: "max_tokens")
        }
        let stream = fields.stream ?? false
        return InboundCall(dialect: dialect, body: body, fields: fields, model: model, stream: stream,
                           clientWantsUsage: dialect == .anthropic || fields.includeUsage)
    }

    /// The key's tags, then `x-switchyard-tags`, then OpenAI's `metadata` and `user`.
    func attribution(_ principal: Principal, _ request: ServerRequest, _ call: InboundCall) throws(GatewayError) -> [String: String] {
        var tags = principal.key?.tags ?? [:]
        if let header = request.header("x-switchyard-tags") {
            Attribution.add(try Attribution.parseHeader(header), to: &tags)
        }
        if call.dialect == .openAI {
            Attribution.add(Attribution.fromBody(call.body, fields: call.fields), to: &tags)
        }
        guard tags.count <= Attribution.maxTags * 2 else {
            throw GatewayError(.invalidHeader, status: .badRequest, "The request carries \(tags.count) tags; at most \(Attribution.maxTags * 2) are allowed.")
        }
        return tags
    }

    @inline(never)
    private func relayWhole(_ head: UpstreamResponseHead, _ body: [UInt8], _ call: InboundCall,
                            _ upstreamDialect: Dialect, _ writer: ResponseWriter, _ record: inout RequestRecord,
                            _ headers: Headers, summary: OpenAIResponseSummary?) {
        let retryAfter = head.header("retry-after")
        let outcome = WholeRelay.relay(status: head.status, body: body, retryAfter: retryAfter,
                                       inbound: call.dialect, upstream: upstreamDialect,
                                       requestedModel: call.model, created: Self.unixTime(), summary: summary,
                                       responses: call.responses)
        record.usage = outcome.usage
        if let error = outcome.error { record.errorCode = error.kind.rawValue }
        var headers = headers
        headers.append(name: "Content-Type", value: "application/json")
        if let retryAfter { headers.append(name: "retry-after", value: retryAfter) }
        else if let seconds = outcome.error?.retryAfter { headers.append(name: "retry-after", value: String(seconds)) }
        writer.respond(status: HTTPStatus(outcome.status), headers: headers, body: outcome.body)
    }

    /// Where a relayed stream stands after `relayPieces`.
    enum RelayProgress {
        /// More pieces may come.
        case open
        /// The answer ended (the client has it all, or went away), with the upstream failure
        /// that cut it short, if any (already reported to the client as an error event).
        case ended(UpstreamError?)
    }

    /// Sends the head of a streamed answer.
    private func startStream(_ writer: ResponseWriter, _ headers: Headers, holdingHead: Bool) {
        var headers = headers
        headers.append(name: "Content-Type", value: "text/event-stream")
        headers.append(name: "Cache-Control", value: "no-cache")
        writer.startStream(status: .ok, headers: headers, holdingHead: holdingHead)
    }

    /// Relays up to `limit` upstream pieces of a started stream, or to its end.
    @inline(never)
    private func relayPieces(_ transfer: UpstreamTransfer, _ relay: inout StreamRelay, _ inbound: Dialect,
                             _ writer: ResponseWriter, _ record: inout RequestRecord,
                             limit: Int) async -> RelayProgress {
        var left = limit
        do {
            while left > 0, let piece = try await transfer.next() {
                left -= 1
                if writer.isFinished { continue }  // the answer is complete; drain the upstream
                var out = relay.feed(piece)
                if relay.isComplete && !relay.isBroken {
                    // Clients hang up once they have the last event; the answer counts as
                    // delivered even if the upstream's connection ends later. The last events
                    // and the body's end go out in one write.
                    let rest = relay.finish()
                    if !rest.isEmpty { out += rest }
                    guard writer.finish(after: out) else {
                        transfer.cancel()
                        return .ended(nil)
                    }
                    continue
                }
                if relay.isBroken {
                    transfer.cancel()
                    let failure = GatewayError(.upstreamError, status: .badGateway, "The upstream stream was malformed.")
                    record.errorCode = failure.code.rawValue
                    if !out.isEmpty { await writer.write(out) }
                    _ = await writer.write(relay.closingError(failure.providerError) ?? Self.streamErrorEvent(failure.providerError, dialect: inbound))
                    writer.finish()
                    return .ended(UpstreamError(.other, "malformed stream"))
                }
                if !out.isEmpty {
                    var delivered = writer.writeNow(out)
                    if delivered && writer.needsDrain { delivered = await writer.drained() }
                    if !delivered {
                        transfer.cancel()
                        return .ended(nil)
                    }
                }
            }
        } catch {
            if writer.isFinished { return .ended(nil) }
            if writer.isClientGone || error.kind == .canceled { return .ended(nil) }
            let failure = GatewayError.from(error)
            record.errorCode = failure.code.rawValue
            _ = await writer.write(relay.closingError(failure.providerError) ?? Self.streamErrorEvent(failure.providerError, dialect: inbound))
            writer.finish()
            return .ended(error)
        }
        if left == 0 { return .open }
        if writer.isFinished { return .ended(nil) }
        writer.finish(after: relay.finish())
        return .ended(nil)
    }

    /// An error event closing a stream that already started, in the caller's dialect.
    @inline(never)
    static func streamErrorEvent(_ error: ProviderError, dialect: Dialect) -> [UInt8] {
        var out: [UInt8] = []
        switch dialect {
        case .anthropic:
            AnthropicEventWriter.error(error, to: &out)
        case .openAI, .gemini, .openAIResponses:
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
