/// Decides which requests fail, from a seeded generator so a run's failures repeat.
struct FaultInjector: Sendable {
    let rate: Double
    let status: Int
    private var random: SimRandom

    init(rate: Double, status: Int, seed: UInt64) {
        self.rate = rate
        self.status = status
        random = SimRandom(seed: seed)
    }

    init(options: SimOptions) {
        self.init(rate: options.failRate, status: options.failStatus, seed: options.seed)
    }

    /// The status to fail the next request with, or nil to serve it. The generator advances only
    /// when failures are enabled, so the sequence depends on nothing but the seed and the count.
    mutating func nextFailure() -> Int? {
        draw(rate) ? status : nil
    }

    /// True with probability `rate`; the generator advances only for a positive rate, so a
    /// fault that is off never shifts the draws of the others.
    mutating func draw(_ rate: Double) -> Bool {
        guard rate > 0 else { return false }
        return random.unit() < rate
    }
}
