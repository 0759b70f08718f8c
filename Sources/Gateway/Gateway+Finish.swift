import Config
import HTTP
import Ledger
import Limits
import Logging
import Loop
import Reliability
import Wire

extension Gateway {
    /// Everything that happens once per request after its last byte: the log line and the
    /// metrics (and, with the accounting work, the ledger row and settlement).
    func finish(_ record: RequestRecord, _ writer: ResponseWriter) {
        if logger.logLevel <= .info { record.log(to: requestLog, writer: writer) }
        let status = writer.isClientGone && writer.status < 400 ? 499 : writer.status
        let model = record.servedModel ?? record.model ?? ""
        let provider = record.provider ?? ""
        let team = record.principal.team?.name ?? record.principal.key?.team ?? ""
        if record.dialect != nil {
            account(record, writer, status: status)
            if status < 400 { learnLatency(record) }
        }
        let entry = metrics.requestSeries(model: model, provider: provider, team: team)
        if let slot = GatewayMetrics.RequestSlot(status: status) {
            metrics.update(slot, entry)
        } else {
            // Outside 2xx/4xx/5xx (a 1xx or 3xx answer) the status itself is the label.
            metrics.registry.add("switchyard_requests_total", [model, provider, team, String(status)])
        }
        if let error = record.errorCode {
            metrics.registry.add("switchyard_errors_total", [model, provider, team, error])
        }
        if let usage = record.usage {
            metrics.update(.inputTokens, entry, Double(usage.promptTokens))
            metrics.update(.outputTokens, entry, Double(usage.completionTokens))
            if usage.cachedTokens > 0 { metrics.update(.cachedTokens, entry, Double(usage.cachedTokens)) }
            if usage.reasoningTokens > 0 { metrics.update(.reasoningTokens, entry, Double(usage.reasoningTokens)) }
        }
        let now = EventLoop.hrtime()
        if record.provider != nil {
            metrics.update(.duration, entry, Double(RequestRecord.span(record.receivedAt, now)) / 1e9)
        }
        if let sent = record.upstreamSentAt {
            metrics.observeOverhead(Double(RequestRecord.span(record.receivedAt, sent)) / 1e9)
            if let first = record.firstByteAt {
                metrics.update(.firstToken, entry, Double(RequestRecord.span(sent, first)) / 1e9)
            }
        }
    }

    /// Settles the reservation to the actual usage and cost, and appends the ledger row.
    /// Runs for every API call, refused and failed ones included.
    private func account(_ record: RequestRecord, _ writer: ResponseWriter, status: Int) {
        var usage = record.usage
        var estimated = false
        if usage == nil, status < 400, record.upstreamSentAt != nil {
            // A provider that answered without usage (or a stream cut short): count the text.
            usage = Usage(promptTokens: TokenEstimate.tokens(bytes: record.bytesIn),
                          completionTokens: record.countsOutput ? TokenEstimate.tokens(bytes: writer.bytesWritten) : 0)
            estimated = true
        }
        let cost = usage.map { accounting.costs.cost($0, pricing: record.reservation?.pricing) } ?? .zero
        if let reservation = record.reservation {
            accounting.settle(reservation, tokens: usage.map { $0.promptTokens + $0.completionTokens } ?? 0, cost: cost)
        }
        if cost.micros > 0 {
            let entry = metrics.requestSeries(model: record.servedModel ?? "", provider: record.provider ?? "",
                                              team: record.principal.team?.name ?? "")
            metrics.update(.cost, entry, Double(cost.micros) / 1e6)
        }
        guard config.ledger.enabled else { return }
        let now = EventLoop.hrtime()
        let u = usage ?? Usage()
        // Distinct candidates tried; one attempt (the usual case) needs no set.
        let candidates = record.attempts.count <= 1 ? record.attempts.count : Set(record.attempts.map(\.candidate)).count
        accounting.writer.append(LedgerRow(
            timeMs: record.wallClockMs, requestID: record.id, keyID: record.principal.key?.id,
            team: record.principal.team?.name ?? record.principal.key?.team, tags: record.tags,
            dialect: record.responsesAPI ? "openai.responses" : record.dialect?.rawValue ?? "openai", requestedModel: record.model,
            router: record.router, servedModel: record.servedModel, provider: record.provider, deployment: record.deployment?.id,
            routerPlan: record.routerPlan, status: status, errorClass: record.errorCode ?? (writer.isClientGone ? GatewayError.Code.clientClosed.rawValue : nil),
            inputTokens: u.promptTokens, outputTokens: u.completionTokens, cachedTokens: u.cachedTokens,
            cacheWriteTokens: u.cacheCreationTokens, reasoningTokens: u.reasoningTokens,
            costMicros: cost.micros, costEstimated: estimated,
            ttftMs: record.firstByteAt.map { RequestRecord.milliseconds(RequestRecord.span(record.receivedAt, $0)) },
            latencyMs: RequestRecord.milliseconds(RequestRecord.span(record.receivedAt, now)),
            overheadMs: record.timing.overheadMs(at: now),
            retries: record.attempts.count - candidates,
            fallbacks: max(0, candidates - 1),
            attempts: record.attempts.isEmpty ? nil : AttemptRecord.summary(of: record.attempts),
            streamed: record.stream,
            bodies: Self.storedBodies(record, writer)))
    }

    /// `{"request": ..., "response": ...}`: both bodies as text (a stream's as its events),
    /// each cut at `LedgerSettings.maxStoredBodyBytes` with `"…_truncated": true`; nil unless
    /// the ledger stores bodies.
    static func storedBodies(_ record: RequestRecord, _ writer: ResponseWriter) -> String? {
        guard let request = record.storedRequestBody else { return nil }
        let limit = LedgerSettings.maxStoredBodyBytes
        var json = JSONWriter(capacity: min(request.count, limit) + (writer.bodyCapture?.count ?? 0) + 64)
        json.beginObject()
        json.key(verbatim: "request"); json.string(String(decoding: request.prefix(limit), as: UTF8.self))
        if request.count > limit { json.key(verbatim: "request_truncated"); json.bool(true) }
        json.key(verbatim: "response"); json.string(String(decoding: writer.bodyCapture ?? [], as: UTF8.self))
        if writer.bodyCaptureOverflow > 0 { json.key(verbatim: "response_truncated"); json.bool(true) }
        json.endObject()
        return String(decoding: json.bytes, as: UTF8.self)
    }

    /// Counts a limiter or budget refusal for `/metrics`.
    func noteRefusal(_ error: GatewayError) {
        metrics.registry.add("switchyard_limiter_rejections_total",
                             [error.headers["x-ratelimit-scope"].map { String($0.prefix { $0 != ":" }) } ?? "",
                              error.headers["x-ratelimit-limit-kind"] ?? ""])
    }

    /// `GET /metrics`: Prometheus text format.
    func renderMetrics() -> [UInt8] {
        let loop = EventLoop.shared
        metrics.registry.set("switchyard_loop_busy_seconds_total", [], Double(loop.busyNanos) / 1e9)
        metrics.registry.set("switchyard_loop_turns_total", [], Double(loop.turns))
        metrics.registry.set("switchyard_loop_longest_turn_seconds", [], Double(loop.takeLongestTurnNanos()) / 1e9)
        metrics.registry.set("switchyard_upstream_in_flight", [], Double(upstream.inFlight))
        metrics.registry.set("switchyard_upstream_transfers_total", [], Double(upstream.completed))
        // Rebuilt from the registry, so breakers pruned by a reload leave /metrics too.
        metrics.registry.clear("switchyard_circuit_state")
        for entry in healthSnapshot() {
            metrics.registry.set("switchyard_circuit_state", [entry.target.description], Double(entry.state.gaugeValue))
        }
        renderKeyGauges()
        for status in accounting.counters.budgets.statuses(now: WallClock.milliseconds())
        where status.scope.kind != .key || config.metrics.labelByKey {
            metrics.registry.set("switchyard_budget_remaining_usd", [status.scope.kind.label, status.scope.name],
                                 Double(status.remaining.micros) / 1e6)
        }
        return metrics.registry.render()
    }
}
