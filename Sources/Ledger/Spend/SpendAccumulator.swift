/// Running totals of one group while the rows stream past.
struct SpendAccumulator {
    var requests = 0
    var inputTokens = 0
    var outputTokens = 0
    var costMicros: Int64 = 0
    var errors = 0
    var latencies: [Double] = []

    mutating func add(input: Int, output: Int, cost: Int64, isError: Bool, latencyMs: Double) {
        requests += 1
        inputTokens += input
        outputTokens += output
        costMicros += cost
        if isError { errors += 1 } else { latencies.append(latencyMs) }
    }

    /// A rolled-up day's totals: they count everywhere but in the latency percentiles.
    mutating func addRolledUp(requests: Int, errors: Int, input: Int, output: Int, cost: Int64) {
        self.requests += requests
        self.errors += errors
        inputTokens += input
        outputTokens += output
        costMicros += cost
    }

    func row(group: String) -> SpendRow {
        let sorted = latencies.sorted()
        return SpendRow(
            group: group, requests: requests, inputTokens: inputTokens, outputTokens: outputTokens,
            costMicros: costMicros, errors: errors,
            p50Ms: Self.percentile(sorted, 0.50), p95Ms: Self.percentile(sorted, 0.95))
    }

    /// Nearest-rank percentile: the smallest value with at least `p` of the values at or below it.
    static func percentile(_ sorted: [Double], _ p: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let rank = Int((p * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }
}
