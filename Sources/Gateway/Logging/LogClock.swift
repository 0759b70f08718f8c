#if canImport(Glibc)
import Glibc
#endif
import Wire

/// ISO 8601 UTC timestamps with milliseconds for log lines, formatting the date and time only
/// once per second (the calendar conversion is the expensive part).
final class LogClock: @unchecked Sendable {
    // Used from the loop thread only (request lines); the JSON log handler keeps its own path.
    static let shared = LogClock()

    private var second: Int = -1
    /// The quoted value, `"YYYY-MM-DDTHH:MM:SS.mmmZ"`: the date and time are written once a
    /// second, the milliseconds on every call.
    private var text = [UInt8](repeating: UInt8(ascii: "0"), count: 26)

    /// Writes the current time as a JSON string value.
    func write(to json: inout JSONWriter) {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        if spec.tv_sec != second {
            second = spec.tv_sec
            var time = tm()
            var seconds = spec.tv_sec
            gmtime_r(&seconds, &time)
            var prefix = [UInt8(ascii: "\"")]
            Self.pad(Int(time.tm_year) + 1900, 4, "-", &prefix)
            Self.pad(Int(time.tm_mon) + 1, 2, "-", &prefix)
            Self.pad(Int(time.tm_mday), 2, "T", &prefix)
            Self.pad(Int(time.tm_hour), 2, ":", &prefix)
            Self.pad(Int(time.tm_min), 2, ":", &prefix)
            Self.pad(Int(time.tm_sec), 2, ".", &prefix)
            text = prefix + [UInt8(ascii: "0"), UInt8(ascii: "0"), UInt8(ascii: "0"), UInt8(ascii: "Z"), UInt8(ascii: "\"")]
        }
        let millis = spec.tv_nsec / 1_000_000
        text.withUnsafeMutableBufferPointer { out in
            let end = out.count - 5
            out[end] = UInt8(ascii: "0") &+ UInt8(millis / 100)
            out[end + 1] = UInt8(ascii: "0") &+ UInt8(millis / 10 % 10)
            out[end + 2] = UInt8(ascii: "0") &+ UInt8(millis % 10)
            json.raw(UnsafeBufferPointer(out))
        }
    }

    /// Appends `value` zero-padded to `width` digits, then `separator`.
    private static func pad(_ value: Int, _ width: Int, _ separator: Unicode.Scalar, _ out: inout [UInt8]) {
        let digits = String(value).utf8
        out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: max(0, width - digits.count)))
        out.append(contentsOf: digits)
        out.append(UInt8(ascii: separator))
    }
}
