#if canImport(Glibc)
import Glibc
#endif

/// ISO 8601 UTC timestamps with milliseconds for log lines, formatting the date and time only
/// once per second (the calendar conversion is the expensive part).
final class LogClock: @unchecked Sendable {
    // Used from the loop thread only (request lines); the JSON log handler keeps its own path.
    static let shared = LogClock()

    private var second: Int = -1
    private var prefix: String = ""

    func timestamp() -> String {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        if spec.tv_sec != second {
            second = spec.tv_sec
            var time = tm()
            var seconds = spec.tv_sec
            gmtime_r(&seconds, &time)
            prefix = Self.pad(Int(time.tm_year) + 1900, 4) + "-" + Self.pad(Int(time.tm_mon) + 1, 2) + "-"
                + Self.pad(Int(time.tm_mday), 2) + "T" + Self.pad(Int(time.tm_hour), 2) + ":"
                + Self.pad(Int(time.tm_min), 2) + ":" + Self.pad(Int(time.tm_sec), 2) + "."
        }
        return prefix + Self.pad(spec.tv_nsec / 1_000_000, 3) + "Z"
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
