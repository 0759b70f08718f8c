/// Successes and failures over the last `windowMs`, in a fixed ring of buckets: constant memory
/// and constant work per call, whatever the traffic.
///
/// The window slides by whole buckets (a tenth of it), so a call stops counting between
/// `windowMs - bucketMs` and `windowMs` after it happened.
struct BreakerWindow: Sendable, Hashable {
    static let bucketCount = 10

    private struct Bucket: Sendable, Hashable {
        /// `now / bucketMs` when this bucket was last written; stale epochs count as empty.
        var epoch: UInt64 = .max
        var successes: UInt32 = 0
        var failures: UInt32 = 0
    }

    let bucketMs: UInt64
    private var buckets = [Bucket](repeating: Bucket(), count: BreakerWindow.bucketCount)

    init(windowMs: UInt64) {
        bucketMs = max(1, windowMs / UInt64(Self.bucketCount))
    }

    mutating func add(success: Bool, now: UInt64) {
        let epoch = now / bucketMs
        let slot = Int(epoch % UInt64(Self.bucketCount))
        if buckets[slot].epoch != epoch { buckets[slot] = Bucket(epoch: epoch) }
        if success {
            buckets[slot].successes &+= 1
        } else {
            buckets[slot].failures &+= 1
        }
    }

    /// Calls and failures in the window ending at `now`.
    func counts(now: UInt64) -> (total: Int, failures: Int) {
        let current = now / bucketMs
        var total = 0
        var failures = 0
        for bucket in buckets where bucket.epoch != .max && bucket.epoch <= current
            && current - bucket.epoch < UInt64(Self.bucketCount) {
            total += Int(bucket.successes) + Int(bucket.failures)
            failures += Int(bucket.failures)
        }
        return (total, failures)
    }

    mutating func reset() {
        for index in buckets.indices { buckets[index] = Bucket() }
    }
}
