/// The gateway's metric families and how pipeline events update them.
public struct GatewayMetrics: Sendable {
    public var registry = MetricsRegistry()
    /// Per-request series by label set (see `GatewayMetrics+Requests.swift`).
    var requestSeries: [RequestSeries] = []
    var requestSeriesIndex: [[String]: Int] = [:]
    var lastRequestSeries = 0
    var overhead: MetricsRegistry.Series?

    /// Seconds; covers a fast cached answer up to a long generation.
    static let latencyBuckets: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120]
    /// Seconds of gateway overhead: microseconds to a few milliseconds matter here.
    static let overheadBuckets: [Double] = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1]

    public init() {
        let labels = ["model", "provider", "team"]
        registry.declare("switchyard_requests_total", "counter", help: "Requests answered, by status class.", labels: labels + ["status"])
        registry.declare("switchyard_errors_total", "counter", help: "Failed requests by error class.", labels: labels + ["error"])
        registry.declare("switchyard_tokens_total", "counter", help: "Tokens by kind (input, output, cached, cache_write, reasoning).", labels: labels + ["kind"])
        registry.declare("switchyard_cost_usd_total", "counter", help: "Cost in US dollars.", labels: labels)
        registry.declare("switchyard_request_duration_seconds", "histogram", help: "Total latency.", labels: ["model", "provider"], buckets: Self.latencyBuckets)
        registry.declare("switchyard_time_to_first_token_seconds", "histogram", help: "Time to the first upstream byte.", labels: ["model", "provider"], buckets: Self.latencyBuckets)
        registry.declare("switchyard_gateway_overhead_seconds", "histogram", help: "Time spent in the gateway before the upstream call.", labels: [], buckets: Self.overheadBuckets)
        registry.declare("switchyard_limiter_rejections_total", "counter", help: "Requests refused by a rate limit or budget.", labels: ["scope", "limit"])
        registry.declare("switchyard_budget_remaining_usd", "gauge", help: "Budget left in the current period.", labels: ["scope", "name"])
        registry.declare("switchyard_loop_busy_seconds_total", "counter", help: "Wall time the loop thread spent outside its poll wait (running callbacks and tasks, or waiting for a CPU); its rate is the loop's utilisation.", labels: [])
        registry.declare("switchyard_loop_turns_total", "counter", help: "Iterations of the loop.", labels: [])
        registry.declare("switchyard_loop_longest_turn_seconds", "gauge", help: "Longest single loop iteration since the previous scrape: how long a ready event could have waited.", labels: [])
        registry.declare("switchyard_upstream_in_flight", "gauge", help: "Upstream transfers in flight.", labels: [])
        registry.declare("switchyard_upstream_transfers_total", "counter", help: "Upstream transfers completed.", labels: [])
        registry.declare("switchyard_circuit_state", "gauge", help: "Circuit breaker state per deployment or key: 0 closed, 1 half-open, 2 open.", labels: ["target"])
        registry.declare("switchyard_provider_key_disabled", "gauge", help: "Provider keys taken out after a 401/403 (1) or in rotation (0), by key id.", labels: ["provider", "key"])
        registry.declare("switchyard_provider_key_disabled_total", "counter", help: "Times a provider key was taken out after a 401/403.", labels: ["provider", "key"])
    }
}
