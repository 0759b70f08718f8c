/// A proleptic Gregorian date in UTC, converted to and from days since 1970-01-01.
///
/// The conversions follow the published algorithms `days_from_civil` and `civil_from_days` from
/// Howard Hinnant's "chrono-Compatible Low-Level Date Algorithms": shift the year to start in
/// March so the leap day ends it, then count 400-year eras of 146,097 days, years of 365 days plus
/// the leap rules, and months through the fact that March..January lengths follow
/// `(153 * m + 2) / 5`. Exact for every `Int32` year; no Foundation, no tables.
public struct CivilDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int64
    /// 1 ... 12.
    public let month: Int64
    /// 1 ... 31.
    public let day: Int64

    public static let msPerDay: Int64 = 86_400_000

    public init(year: Int64, month: Int64, day: Int64) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The date `days` days after 1970-01-01 (before it when negative).
    public init(days: Int64) {
        let shifted = days + 719_468  // days from 0000-03-01
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097  // 0 ... 146_096
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)  // from 1 March
        let shiftedMonth = (5 * dayOfYear + 2) / 153  // 0 = March ... 11 = February
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        self.year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        self.month = month
        self.day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
    }

    /// The date containing the instant `ms` milliseconds after the Unix epoch.
    public init(ms: Int64) { self.init(days: Self.floorDiv(ms, Self.msPerDay)) }

    /// Days since 1970-01-01.
    public var days: Int64 {
        let marchYear = month <= 2 ? year - 1 : year
        let era = (marchYear >= 0 ? marchYear : marchYear - 399) / 400
        let yearOfEra = marchYear - era * 400  // 0 ... 399
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// Midnight UTC at the start of this date, in Unix milliseconds.
    public var ms: Int64 { days * Self.msPerDay }

    /// ISO weekday: 1 = Monday ... 7 = Sunday. 1970-01-01 was a Thursday.
    public var weekday: Int64 { Self.floorMod(days + 3, 7) + 1 }

    /// The first day of the following month.
    public var startOfNextMonth: CivilDate {
        month == 12 ? CivilDate(year: year + 1, month: 1, day: 1) : CivilDate(year: year, month: month + 1, day: 1)
    }

    public static func < (a: CivilDate, b: CivilDate) -> Bool { a.days < b.days }

    public var description: String {
        func pad(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(year)-\(pad(month))-\(pad(day))"
    }

    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    static func floorMod(_ a: Int64, _ b: Int64) -> Int64 { a - floorDiv(a, b) * b }
}
