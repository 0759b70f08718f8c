/// Per-request updates through series found once per label set: hashing the family names and
/// label arrays of six updates was about 10k instructions a request.
extension GatewayMetrics {
    /// A per-request series of one (model, provider, team).
    enum RequestSlot: Int, CaseIterable {
        case success, clientError, serverError, inputTokens, outputTokens, cachedTokens, reasoningTokens, cost
        case duration, firstToken

        /// The slot counting a response of `status`; nil for the rare classes outside 2xx/4xx/5xx.
        init?(status: Int) {
            switch status {
            case 200..<300: self = .success
            case 400..<500: self = .clientError
            case 500..<600: self = .serverError
            default: return nil
            }
        }

        var family: String {
            switch self {
            case .success, .clientError, .serverError: "switchyard_requests_total"
            case .inputTokens, .outputTokens, .cachedTokens, .reasoningTokens: "switchyard_tokens_total"
            case .cost: "switchyard_cost_usd_total"
            case .duration: "switchyard_request_duration_seconds"
            case .firstToken: "switchyard_time_to_first_token_seconds"
            }
        }

        /// The family's labels after model, provider and team.
        func labels(model: String, provider: String, team: String) -> [String] {
            switch self {
            case .success: [model, provider, team, "2xx"]
            case .clientError: [model, provider, team, "4xx"]
            case .serverError: [model, provider, team, "5xx"]
            case .inputTokens: [model, provider, team, "input"]
            case .outputTokens: [model, provider, team, "output"]
            case .cachedTokens: [model, provider, team, "cached"]
            case .reasoningTokens: [model, provider, team, "reasoning"]
            case .cost: [model, provider, team]
            case .duration, .firstToken: [model, provider]
            }
        }
    }

    /// The series of one label set, each found at its first update (a series shows in
    /// `/metrics` from its first update on, so none is created ahead).
    struct RequestSeries: Sendable {
        let model: String
        let provider: String
        let team: String
        var series = [MetricsRegistry.Series?](repeating: nil, count: RequestSlot.allCases.count)
    }

    /// The index of the series for these labels in `requestSeries`; a repeat of the previous
    /// call's labels (the usual case: one request's counters, then its cost) is found without hashing.
    mutating func requestSeries(model: String, provider: String, team: String) -> Int {
        let last = lastRequestSeries
        if last < requestSeries.count, requestSeries[last].model == model, requestSeries[last].provider == provider,
           requestSeries[last].team == team {
            return last
        }
        let key = [model, provider, team]
        let entry: Int
        if let known = requestSeriesIndex[key] {
            entry = known
        } else {
            entry = requestSeries.count
            requestSeries.append(RequestSeries(model: model, provider: provider, team: team))
            requestSeriesIndex[key] = entry
        }
        lastRequestSeries = entry
        return entry
    }

    /// Adds to a counter slot, or observes a histogram slot, of the label set `entry`.
    mutating func update(_ slot: RequestSlot, _ entry: Int, _ amount: Double = 1) {
        let series: MetricsRegistry.Series
        if let known = requestSeries[entry].series[slot.rawValue] {
            series = known
        } else {
            let labels = requestSeries[entry]
            guard let found = registry.series(slot.family, slot.labels(model: labels.model, provider: labels.provider, team: labels.team))
            else { return }
            requestSeries[entry].series[slot.rawValue] = found
            series = found
        }
        switch slot {
        case .duration, .firstToken: registry.observe(series, amount)
        default: registry.add(series, amount)
        }
    }

    /// Observes the gateway's overhead before an upstream call, in seconds.
    mutating func observeOverhead(_ seconds: Double) {
        if overhead == nil { overhead = registry.series("switchyard_gateway_overhead_seconds", []) }
        if let overhead { registry.observe(overhead, seconds) }
    }
}
