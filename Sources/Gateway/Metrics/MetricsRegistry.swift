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
        /// Label values to the series' slot in `values` or `histograms`, whichever the kind uses.
        var slots: [[String]: Int] = [:]
        var values: [Double] = []
        var histograms: [HistogramSeries] = []
    }

    /// A series found once, so that updating it hashes neither the family's name nor the labels.
    /// Valid until its family is cleared (families updated per request never are).
    public struct Series: Sendable {
        let family: Int
        let slot: Int
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

    /// The series of `labels` in family `name`, created (at zero) when new; nil for an unknown name.
    public mutating func series(_ name: String, _ labels: [String]) -> Series? {
        guard let i = index[name] else { return nil }
        if let slot = families[i].slots[labels] { return Series(family: i, slot: slot) }
        let slot: Int
        if families[i].kind == .histogram {
            slot = families[i].histograms.count
            families[i].histograms.append(HistogramSeries(bucketCount: families[i].buckets.count))
        } else {
            slot = families[i].values.count
            families[i].values.append(0)
        }
        families[i].slots[labels] = slot
        return Series(family: i, slot: slot)
    }

    public mutating func add(_ name: String, _ labels: [String], _ amount: Double = 1) {
        if let series = series(name, labels) { add(series, amount) }
    }

    public mutating func add(_ series: Series, _ amount: Double = 1) {
        families[series.family].values[series.slot] += amount
    }

    public mutating func set(_ name: String, _ labels: [String], _ value: Double) {
        guard let series = series(name, labels) else { return }
        families[series.family].values[series.slot] = value
    }

    /// Drops every series of a family, for gauges rebuilt at each scrape from current state.
    public mutating func clear(_ name: String) {
        guard let i = index[name] else { return }
        families[i].slots.removeAll(keepingCapacity: true)
        families[i].values.removeAll(keepingCapacity: true)
        families[i].histograms.removeAll(keepingCapacity: true)
    }

    public mutating func observe(_ name: String, _ labels: [String], _ value: Double) {
        if let series = series(name, labels) { observe(series, value) }
    }

    public mutating func observe(_ series: Series, _ value: Double) {
        let buckets = families[series.family].buckets
        families[series.family].histograms[series.slot].observe(value, buckets: buckets)
    }

    /// Current value of a counter or gauge series (tests and the admin API read it).
    public func value(_ name: String, _ labels: [String]) -> Double? {
        guard let i = index[name], let slot = families[i].slots[labels], families[i].kind != .histogram else { return nil }
        return families[i].values[slot]
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
