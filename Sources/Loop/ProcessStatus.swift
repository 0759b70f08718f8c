#if canImport(Glibc)
import Glibc
#endif

/// Numeric fields of a process's `/proc/PID/status` (`FDSize`, `VmRSS`, ...).
public enum ProcessStatus {
    /// The first number on the line `name:` of `/proc/PID/status` (this process when `pid` is
    /// nil), or nil when the file or the field cannot be read. procfs files report size 0, so this
    /// reads with plain `read(2)` rather than Foundation's file APIs.
    public static func field(_ name: String, pid: Int? = nil) -> Int? {
        let fd = open(pid.map { "/proc/\($0)/status" } ?? "/proc/self/status", O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: 4096)
        var total = 0
        while total < bytes.count {
            let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + total, $0.count - total) }
            if n <= 0 { break }
            total += n
        }
        let prefix = name + ":"
        let text = String(decoding: bytes[..<total], as: UTF8.self)
        for line in text.split(separator: "\n") where line.hasPrefix(prefix) {
            return Int(line.dropFirst(prefix.count).split(whereSeparator: { $0 == " " || $0 == "\t" }).first ?? "")
        }
        return nil
    }
}
