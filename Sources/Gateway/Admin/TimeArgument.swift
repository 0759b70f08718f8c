import Limits

/// Instants as people type them for reports and expiry: a date, an RFC 3339 time, or an age.
///
/// Shared by the CLI and the admin API so `--since 7d` and `?since=7d` mean the same thing.
/// Parsed by hand rather than with Foundation's formatters: those accept more than RFC 3339
/// (and differ between platforms), and a typo should be refused, not guessed at.
public enum TimeArgument {
    /// Input that is none of the accepted forms; `description` says which forms are.
    public struct Invalid: Error, Sendable, Equatable, CustomStringConvertible {
        public let description: String
    }

    static let forms = "a date (2025-03-01, midnight UTC), an RFC 3339 time (2025-03-01T12:00:00Z) or an age (90s, 30m, 24h, 7d, 2w)"

    /// A report bound: a date or RFC 3339 time, or an age counted back from `nowMs`.
    public static func instant(_ text: String, nowMs: Int64) throws(Invalid) -> Int64 {
        if let age = duration(text) { return nowMs - age }
        if let absolute = absolute(text) { return absolute }
        throw Invalid(description: "'\(text)' is not a time: use \(forms)")
    }

    /// An expiry: a date or RFC 3339 time, or a duration counted forward from `nowMs` (`30d`).
    /// A moment already past is refused: such a key could never be used.
    public static func expiry(_ text: String, nowMs: Int64) throws(Invalid) -> Int64 {
        let value: Int64
        if let span = duration(text) {
            value = nowMs + span
        } else if let absolute = absolute(text) {
            value = absolute
        } else {
            throw Invalid(description: "'\(text)' is not an expiry: use a date (2025-03-01, the key stops at 00:00 UTC that day), an RFC 3339 time or a duration from now (30d)")
        }
        guard value > nowMs else { throw Invalid(description: "the expiry \(format(value)) is already past") }
        return value
    }

    /// Milliseconds in `90s`, `30m`, `24h`, `7d` or `2w`; nil for anything else.
    public static func duration(_ text: String) -> Int64? {
        guard let unit = text.last, let count = Int64(text.dropLast()), count >= 0, text.first != "+" else { return nil }
        let scale: Int64
        switch unit {
        case "s": scale = 1_000
        case "m": scale = 60_000
        case "h": scale = 3_600_000
        case "d": scale = 86_400_000
        case "w": scale = 604_800_000
        default: return nil
        }
        let (ms, overflow) = count.multipliedReportingOverflow(by: scale)
        return overflow ? nil : ms
    }

    /// `YYYY-MM-DD` (midnight UTC) or RFC 3339 `YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)`.
    public static func absolute(_ text: String) -> Int64? {
        let b = Array(text.utf8)
        guard b.count >= 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
              let year = digits(b, 0, 4), let month = digits(b, 5, 2), let day = digits(b, 8, 2),
              (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year) else { return nil }
        let midnight = CivilDate(year: year, month: month, day: day).ms
        if b.count == 10 { return midnight }
        guard b.count >= 20, [UInt8(ascii: "T"), UInt8(ascii: "t"), UInt8(ascii: " ")].contains(b[10]),
              b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"),
              let hour = digits(b, 11, 2), let minute = digits(b, 14, 2), let second = digits(b, 17, 2),
              hour < 24, minute < 60, second < 61 else { return nil }
        var index = 19
        var fractionMs: Int64 = 0
        if b[index] == UInt8(ascii: ".") {
            index += 1
            let start = index
            while index < b.count, isDigit(b[index]) { index += 1 }
            guard index > start else { return nil }
            // Milliseconds are the ledger's resolution: further digits are dropped.
            let kept = Array(b[start..<min(index, start + 3)]) + Array(repeating: UInt8(ascii: "0"), count: max(0, 3 - (index - start)))
            fractionMs = digits(kept, 0, 3) ?? 0
        }
        guard index < b.count else { return nil }
        var offsetMinutes: Int64 = 0
        switch b[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            guard index + 1 == b.count else { return nil }
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard index + 6 == b.count, b[index + 3] == UInt8(ascii: ":"),
                  let hours = digits(b, index + 1, 2), let minutes = digits(b, index + 4, 2),
                  hours < 24, minutes < 60 else { return nil }
            offsetMinutes = (hours * 60 + minutes) * (b[index] == UInt8(ascii: "-") ? -1 : 1)
        default:
            return nil
        }
        // A leap second (":60") is read as the first moment of the next minute.
        let local = midnight + ((hour * 60 + minute) * 60 + second) * 1_000 + fractionMs
        return local - offsetMinutes * 60_000
    }

    /// RFC 3339 in UTC, with milliseconds only when there are some: `2025-03-01T12:00:00Z`.
    public static func format(_ ms: Int64) -> String {
        let date = CivilDate(ms: ms)
        let inDay = ms - date.ms
        let seconds = inDay / 1_000, millis = inDay % 1_000
        func pad(_ n: Int64, _ width: Int) -> String {
            let text = String(n)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        var out = "\(date)T\(pad(seconds / 3_600, 2)):\(pad(seconds / 60 % 60, 2)):\(pad(seconds % 60, 2))"
        if millis > 0 { out += ".\(pad(millis, 3))" }
        return out + "Z"
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private static func digits(_ b: [UInt8], _ start: Int, _ count: Int) -> Int64? {
        guard start + count <= b.count else { return nil }
        var value: Int64 = 0
        for byte in b[start..<start + count] {
            guard isDigit(byte) else { return nil }
            value = value * 10 + Int64(byte - 0x30)
        }
        return value
    }

    private static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
