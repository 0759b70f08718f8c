extension BudgetPeriod {
    /// Milliseconds per hour.
    static let msPerHour: Int64 = 3_600_000

    /// The calendar period containing `now` (Unix milliseconds): `start ..< end`.
    ///
    /// For a rolling period this is the resolution slot containing `now`; `RollingSpend` keeps the
    /// window itself.
    public func window(containing now: Int64) -> Range<Int64> {
        let msPerDay = CivilDate.msPerDay
        let today = CivilDate.floorDiv(now, msPerDay)
        switch self {
        case .day:
            return today * msPerDay ..< (today + 1) * msPerDay
        case .week:
            let monday = today - CivilDate.floorMod(today + 3, 7)
            return monday * msPerDay ..< (monday + 7) * msPerDay
        case .month:
            let date = CivilDate(days: today)
            let first = CivilDate(year: date.year, month: date.month, day: 1)
            return first.ms ..< first.startOfNextMonth.ms
        case .rolling:
            let slot = rollingSlotMs
            let start = CivilDate.floorDiv(now, slot) * slot
            return start ..< start + slot
        }
    }

    /// Window length of a rolling period, at least one hour.
    var rollingWindowMs: Int64 {
        guard case .rolling(let hours) = self else { return 0 }
        return Int64(min(max(hours, 1), 24 * 366 * 10)) * Self.msPerHour
    }

    /// Resolution of a rolling period: 1/60 of its window (one minute per hour of window).
    var rollingSlotMs: Int64 { rollingWindowMs / Int64(RollingSpend.slotsPerWindow) }
}
