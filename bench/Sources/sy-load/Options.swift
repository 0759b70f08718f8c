import Foundation
import Loop

struct LoadError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// `--name value` pairs from the command line.
struct Options: Sendable {
    private var values: [String: String] = [:]

    init(_ arguments: [String]) {
        var index = 0
        while index < arguments.count {
            let name = arguments[index]
            guard name.hasPrefix("--"), index + 1 < arguments.count else {
                FileHandle.standardError.write(Data("sy-load: bad argument '\(name)'\n".utf8))
                exit(2)
            }
            values[String(name.dropFirst(2))] = arguments[index + 1]
            index += 2
        }
    }

    func string(_ name: String, _ fallback: String? = nil) throws -> String {
        guard let value = values[name] ?? fallback else { throw LoadError("--\(name) is required") }
        return value
    }

    func int(_ name: String, _ fallback: Int) throws -> Int {
        guard let text = values[name] else { return fallback }
        guard let value = Int(text) else { throw LoadError("--\(name) takes an integer, not '\(text)'") }
        return value
    }

    /// `--target HOST:PORT` as a socket address (numeric host).
    func target() throws -> (address: SocketAddress, hostHeader: String) {
        let text = try string("target")
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]) else {
            throw LoadError("--target takes HOST:PORT, not '\(text)'")
        }
        return (try SocketAddress(host: String(text[..<colon]), port: port), text)
    }

    /// The request body from `--body FILE`.
    func body() throws -> [UInt8] {
        let path = try string("body")
        guard let data = FileManager.default.contents(atPath: path) else { throw LoadError("cannot read \(path)") }
        return Array(data)
    }

    /// A complete HTTP/1.1 POST request.
    func request(keepAlive: Bool) throws -> [UInt8] {
        let body = try body()
        let path = try string("path", "/v1/chat/completions")
        let host = try target().hostHeader
        var head = "POST \(path) HTTP/1.1\r\nHost: \(host)\r\nContent-Type: application/json\r\n"
        head += "Authorization: Bearer \(try string("key", "sk-bench"))\r\nAccept: */*\r\n"
        head += "Content-Length: \(body.count)\r\nConnection: \(keepAlive ? "keep-alive" : "close")\r\n\r\n"
        return Array(head.utf8) + body
    }
}

/// Nearest-rank percentiles over nanosecond samples, reported in milliseconds.
struct Distribution {
    var samples: [UInt64]

    init(_ samples: [UInt64]) { self.samples = samples.sorted() }

    func percentile(_ q: Double) -> Double? {
        guard !samples.isEmpty else { return nil }
        let rank = Int((q * Double(samples.count)).rounded(.up))
        return Double(samples[min(samples.count - 1, max(0, rank - 1))]) / 1e6
    }

    var json: String {
        func f(_ v: Double?) -> String { v.map { String(format: "%.3f", $0) } ?? "null" }
        let mean = samples.isEmpty ? nil : Double(samples.reduce(0, +)) / Double(samples.count) / 1e6
        return "{\"n\":\(samples.count),\"p50_ms\":\(f(percentile(0.5))),\"p90_ms\":\(f(percentile(0.9))),"
            + "\"p99_ms\":\(f(percentile(0.99))),\"max_ms\":\(f(percentile(1))),\"mean_ms\":\(f(mean))}"
    }
}

/// Resident memory of a process in KiB, from /proc/PID/status (VmRSS).
func residentKiB(pid: Int) -> Int? { ProcessStatus.field("VmRSS", pid: pid) }

/// CPU time (user + system, all threads) a process has used, in milliseconds, from /proc/PID/stat.
func cpuMilliseconds(pid: Int) -> Int? {
    let fd = open("/proc/\(pid)/stat", O_RDONLY)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var bytes = [UInt8](repeating: 0, count: 1024)
    let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
    guard n > 0 else { return nil }
    let text = String(decoding: bytes[..<n], as: UTF8.self)
    // Fields after the command name, which is in parentheses and may contain spaces.
    guard let close = text.lastIndex(of: ")") else { return nil }
    let fields = text[text.index(after: close)...].split(separator: " ")
    guard fields.count > 13, let user = Int(fields[11]), let system = Int(fields[12]) else { return nil }
    let hz = sysconf(Int32(_SC_CLK_TCK))
    return (user + system) * 1000 / max(1, hz)
}
