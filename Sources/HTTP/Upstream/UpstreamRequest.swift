/// Deadlines for one upstream call, in milliseconds; 0 disables one.
public struct UpstreamTimeouts: Sendable, Equatable {
    public var connectMs: UInt64
    /// From sending the request to the first response byte (status line).
    public var firstByteMs: UInt64
    /// Longest silence between two body chunks once the body has started: a stream's first
    /// token may come long after its head (a reasoning model thinks in silence), so only the
    /// total deadline bounds that wait.
    public var idleMs: UInt64
    public var totalMs: UInt64

    public init(connectMs: UInt64 = 5_000, firstByteMs: UInt64 = 60_000,
                idleMs: UInt64 = 60_000, totalMs: UInt64 = 600_000) {
        self.connectMs = connectMs
        self.firstByteMs = firstByteMs
        self.idleMs = idleMs
        self.totalMs = totalMs
    }
}

/// One request to an upstream provider.
public struct UpstreamRequest: Sendable {
    public var method: String
    public var url: String
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    public var timeouts: UpstreamTimeouts
    /// The answer is an event stream (small pieces over a long time): curl gets a smaller
    /// receive buffer, which it keeps for the whole life of the stream.
    public var streaming: Bool

    public init(method: String = "POST", url: String, headers: [(name: String, value: String)] = [],
                body: [UInt8] = [], timeouts: UpstreamTimeouts = UpstreamTimeouts(), streaming: Bool = false) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeouts = timeouts
        self.streaming = streaming
    }
}

/// Status and headers of an upstream response.
///
/// The header block is kept as the bytes curl delivered (name: value lines); a header is found
/// by a case-insensitive byte scan when asked for. Decoding every line into strings as it
/// arrived cost more than the rest of the response handling, and the gateway reads two or three.
public struct UpstreamResponseHead: Sendable {
    public var status: Int
    /// The header lines, each ending in CRLF (or LF), without the status line.
    var block: [UInt8]

    public init(status: Int, block: [UInt8] = []) {
        self.status = status
        self.block = block
    }

    /// The first value of header `name` (case-insensitive), trimmed.
    public func header(_ name: String) -> String? {
        let wanted = Array(name.utf8)
        return block.withUnsafeBufferPointer { p -> String? in
            var start = 0
            while start < p.count {
                var end = start
                while end < p.count && p[end] != 10 { end += 1 }
                if end - start > wanted.count, p[start + wanted.count] == UInt8(ascii: ":"),
                   Self.equalsIgnoringCase(p, start, wanted) {
                    var a = start + wanted.count + 1, b = end
                    while a < b, p[a] == 32 || p[a] == 9 { a += 1 }
                    while b > a, p[b - 1] == 10 || p[b - 1] == 13 || p[b - 1] == 32 || p[b - 1] == 9 { b -= 1 }
                    return String(decoding: UnsafeBufferPointer(rebasing: p[a..<b]), as: UTF8.self)
                }
                start = end + 1
            }
            return nil
        }
    }

    /// Every header as a name/value pair, in order (for callers that need them all).
    public var headers: [(name: String, value: String)] {
        let text = String(decoding: block, as: UTF8.self)
        return text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }).compactMap { line in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingWhitespace())
        }
    }

    private static func equalsIgnoringCase(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ wanted: [UInt8]) -> Bool {
        for i in 0..<wanted.count where p[start + i] | 0x20 != wanted[i] | 0x20 { return false }
        return true
    }
}

/// Why an upstream call failed; `kind` is what the gateway maps to a status code.
public struct UpstreamError: Error, Sendable, CustomStringConvertible, Equatable {
    /// The failure classes the gateway tells apart (retry, status code, breaker).
    public enum Kind: String, Sendable {
        case connect, connectTimeout, firstByteTimeout, idleTimeout, totalTimeout
        case reset, canceled, invalidRequest, other
    }

    public let kind: Kind
    public let detail: String

    public init(_ kind: Kind, _ detail: String = "") {
        self.kind = kind
        self.detail = detail
    }

    public var isTimeout: Bool {
        switch kind {
        case .connectTimeout, .firstByteTimeout, .idleTimeout, .totalTimeout: true
        default: false
        }
    }

    public var description: String { detail.isEmpty ? kind.rawValue : "\(kind.rawValue): \(detail)" }
}
