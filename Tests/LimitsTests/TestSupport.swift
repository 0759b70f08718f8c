@testable import Limits

/// A small deterministic generator (SplitMix64) so randomised tests replay exactly.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Unix milliseconds of a UTC date and time.
func utc(_ year: Int64, _ month: Int64, _ day: Int64, _ hour: Int64 = 0, _ minute: Int64 = 0, _ ms: Int64 = 0) -> Int64 {
    CivilDate(year: year, month: month, day: day).ms + hour * 3_600_000 + minute * 60_000 + ms
}

/// Dollars and cents as micro-dollars.
func usd(_ dollars: Double) -> MicroDollars { MicroDollars(micros: Int64((dollars * 1_000_000).rounded())) }

extension AdmissionResult {
    var isAdmitted: Bool { ticket != nil }
}
