/// Deadlines for one upstream call, in milliseconds; 0 disables one.
public struct UpstreamTimeouts: Sendable, Equatable {
    public var connectMs: UInt64
    /// From sending the request to the first response byte (status line).
    public var firstByteMs: UInt64
    /// Longest silence between two body chunks once the response has started.
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

    public init(method: String = "POST", url: String, headers: [(name: String, value: String)] = [],
                body: [UInt8] = [], timeouts: UpstreamTimeouts = UpstreamTimeouts()) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeouts = timeouts
    }
}

/// Status and headers of an upstream response.
public struct UpstreamResponseHead: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]

    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}

/// Why an upstream call failed; `kind` is what the gateway maps to a status code.
public struct UpstreamError: Error, Sendable, CustomStringConvertible, Equatable {
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
