/// Prometheus counters, gauges and histograms owned by the loop: no locks, since every update
/// and every scrape runs on the loop thread.
///
/// Series are created on first use; label values are the caller's (model, provider, team,
/// error class — never a key id unless configured, never request data).
public struct MetricsRegistry: Sendable {
    /// A metric family: its name, help text, type and the series seen so far.
    struct Family: Sendable {
        enum Kind: String, Sendable { case counter, gauge, histogram }
        let name: String
        let help: String
        let kind: Kind
        let labelNames: [String]
        var buckets: [Double] = []
        var values: [[String]: Double] = [:]
        var histograms: [[String]: HistogramSeries] = [:]
    }

    private(set) var families: [Family] = []
    private var index: [String: Int] = [:]

    public init() {}

    /// Declares a family once; declaring again with the same name is a no-op.
    public mutating func declare(_ name: String, _ kind: String, help: String, labels: [String], buckets: [Double] = []) {
        guard index[name] == nil, let kind = Family.Kind(rawValue: kind) else { return }
        index[name] = families.count
        families.append(Family(name: name, help: help, kind: kind, labelNames: labels, buckets: buckets))
    }

    public mutating func add(_ name: String, _ labels: [String], _ amount: Double = 1) {
        guard let i = index[name] else { return }
        families[i].values[labels, default: 0] += amount
    }

    public mutating func set(_ name: String, _ labels: [String], _ value: Double) {
        guard let i = index[name] else { return }
        families[i].values[labels] = value
    }

    /// Drops every series of a family, for gauges rebuilt at each scrape from current state.
    public mutating func clear(_ name: String) {
        guard let i = index[name] else { return }
        families[i].values.removeAll(keepingCapacity: true)
    }

    public mutating func observe(_ name: String, _ labels: [String], _ value: Double) {
        guard let i = index[name] else { return }
        let buckets = families[i].buckets
        families[i].histograms[labels, default: HistogramSeries(bucketCount: buckets.count)].observe(value, buckets: buckets)
    }

    /// Current value of a counter or gauge series (tests and the admin API read it).
    public func value(_ name: String, _ labels: [String]) -> Double? {
        index[name].flatMap { families[$0].values[labels] }
    }
}

/// Cumulative bucket counts, sum and count of one histogram series.
struct HistogramSeries: Sendable {
    var counts: [UInt64]
    var sum: Double = 0
    var count: UInt64 = 0

    init(bucketCount: Int) { counts = Array(repeating: 0, count: bucketCount) }

    mutating func observe(_ value: Double, buckets: [Double]) {
        sum += value
        count += 1
        // Buckets are few (about a dozen): a linear scan beats a binary search here.
        for i in buckets.indices where value <= buckets[i] { counts[i] += 1 }
    }
}
