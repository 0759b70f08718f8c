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

    /// Rolled-up days' totals: they count everywhere but in the latency percentiles.
    mutating func addRolledUp(_ totals: RolledUpTotals) {
        requests += totals.requests
        errors += totals.errors
        inputTokens += totals.input
        outputTokens += totals.output
        costMicros += totals.cost
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

/// What the retention roll-up keeps of a group's rows: everything a report counts but latencies.
struct RolledUpTotals: Equatable {
    var requests = 0
    var errors = 0
    var input = 0
    var output = 0
    var cost: Int64 = 0

    static func += (lhs: inout RolledUpTotals, rhs: RolledUpTotals) {
        lhs.requests += rhs.requests
        lhs.errors += rhs.errors
        lhs.input += rhs.input
        lhs.output += rhs.output
        lhs.cost += rhs.cost
    }

    static func - (lhs: RolledUpTotals, rhs: RolledUpTotals) -> RolledUpTotals {
        RolledUpTotals(requests: lhs.requests - rhs.requests, errors: lhs.errors - rhs.errors,
                       input: lhs.input - rhs.input, output: lhs.output - rhs.output, cost: lhs.cost - rhs.cost)
    }
}
