/// Spend over a rolling window, kept as a ring of per-slot totals (1/60 of the window each).
///
/// Slot `n` covers `n * slotMs ..< (n + 1) * slotMs` and is dropped when slot `n + 61` begins,
/// so the ring holds the current slot and the 60 before it. A spend at time `t` therefore counts
/// for more than the full window and less than the window plus one slot: the window never forgets
/// spend early, it only errs towards holding a budget slightly longer.
struct RollingSpend: Sendable, Hashable {
    /// Slots per window length; the ring holds one more (the slot in progress).
    static let slotsPerWindow = 60
    static let ringSize = slotsPerWindow + 1

    let slotMs: Int64
    private var slots: [Int64]
    /// Slot number of the newest slot, the one `now` was last in.
    private(set) var newest: Int64
    /// Sum of all slots, in micro-dollars.
    private(set) var total: Int64 = 0

    init(slotMs: Int64, now: Int64) {
        self.slotMs = max(slotMs, 1)
        self.slots = Array(repeating: 0, count: Self.ringSize)
        self.newest = CivilDate.floorDiv(now, self.slotMs)
    }

    private func position(_ slot: Int64) -> Int { Int(CivilDate.floorMod(slot, Int64(Self.ringSize))) }

    /// Drops slots that have left the window by `now`. A clock that went back changes nothing.
    mutating func advance(to now: Int64) {
        let current = CivilDate.floorDiv(now, slotMs)
        guard current > newest else { return }
        let steps = min(current - newest, Int64(Self.ringSize))
        for step in 1 ... steps {
            let place = position(newest + step)
            total -= slots[place]
            slots[place] = 0
        }
        newest = current
    }

    /// Adds spend made at `time` (at most `now`, clamped), after advancing to `now`. Spend
    /// older than the ring is already out of the window and is ignored.
    mutating func add(_ amount: Int64, at time: Int64, now: Int64) {
        advance(to: now)
        let slot = min(CivilDate.floorDiv(time, slotMs), newest)
        guard slot > newest - Int64(Self.ringSize) else { return }
        let (sum, overflow) = slots[position(slot)].addingReportingOverflow(amount)
        slots[position(slot)] = overflow ? .max : sum
        total = total.addingReportingOverflow(amount).overflow ? .max : total + amount
    }

    /// The earliest time at which at least `amount` of today's total has expired, if it ever
    /// does without new spend; nil when the total is smaller than `amount`.
    func expiry(freeing amount: Int64) -> Int64? {
        var freed: Int64 = 0
        for slot in newest - Int64(Self.slotsPerWindow) ... newest {
            freed += slots[position(slot)]
            if freed >= amount && freed > 0 { return (slot + Int64(Self.ringSize)) * slotMs }
        }
        return nil
    }

    /// When everything currently counted has expired; `newest`'s start when nothing is counted.
    var allExpireAt: Int64 { expiry(freeing: total) ?? newest * slotMs }
}
