import HTTP
import Logging
import Loop

extension Gateway {
    /// Everything that happens once per request after its last byte: the log line and the
    /// metrics (and, with the accounting work, the ledger row and settlement).
    func finish(_ record: RequestRecord, _ writer: ResponseWriter) {
        record.log(to: logger, writer: writer)
        let status = writer.isClientGone && writer.status < 400 ? 499 : writer.status
        let model = record.servedModel ?? record.model ?? ""
        let provider = record.provider ?? ""
        let team = ""
        let labels = [model, provider, team]
        metrics.registry.add("switchyard_requests_total", labels + [GatewayMetrics.statusClass(status)])
        if let error = record.errorCode {
            metrics.registry.add("switchyard_errors_total", labels + [error])
        }
        if let usage = record.usage {
            metrics.registry.add("switchyard_tokens_total", labels + ["input"], Double(usage.promptTokens))
            metrics.registry.add("switchyard_tokens_total", labels + ["output"], Double(usage.completionTokens))
            if usage.cachedTokens > 0 { metrics.registry.add("switchyard_tokens_total", labels + ["cached"], Double(usage.cachedTokens)) }
            if usage.reasoningTokens > 0 { metrics.registry.add("switchyard_tokens_total", labels + ["reasoning"], Double(usage.reasoningTokens)) }
        }
        let now = EventLoop.hrtime()
        if record.provider != nil {
            metrics.registry.observe("switchyard_request_duration_seconds", [model, provider], Double(now - record.receivedAt) / 1e9)
        }
        if let sent = record.upstreamSentAt {
            metrics.registry.observe("switchyard_gateway_overhead_seconds", [], Double(sent - record.receivedAt) / 1e9)
            if let first = record.firstByteAt {
                metrics.registry.observe("switchyard_time_to_first_token_seconds", [model, provider], Double(first - sent) / 1e9)
            }
        }
    }

    /// `GET /metrics`: Prometheus text format.
    func renderMetrics() -> [UInt8] {
        metrics.registry.set("switchyard_upstream_in_flight", [], Double(upstream.inFlight))
        metrics.registry.set("switchyard_upstream_transfers_total", [], Double(upstream.completed))
        return metrics.registry.render()
    }
}
