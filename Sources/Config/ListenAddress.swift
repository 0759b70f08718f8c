#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The address the gateway's HTTP server binds: a numeric IPv4 or IPv6 host and a TCP port.
///
/// Invariant: `host` is a numeric address (IPv6 without brackets), because the server binds
/// without resolving names; `localhost` is accepted on input and stored as `127.0.0.1`.
/// Port 0 is allowed and means "any free port" (useful in tests).
public struct ListenAddress: Sendable, Hashable, LosslessStringConvertible {
    public var host: String
    public var port: Int

    /// 127.0.0.1:8080.
    public static let `default` = ListenAddress(host: "127.0.0.1", port: 8080)

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses `host:port` or `[ipv6]:port`; nil when `ListenAddress.problem(in:)` would report one.
    public init?(_ description: String) {
        guard case .success(let address) = Self.parse(description) else { return nil }
        self = address
    }

    /// Whether `host` is an IPv6 address.
    public var isIPv6: Bool { host.contains(":") }

    /// `host:port`, with brackets around IPv6 hosts so the text parses back.
    public var description: String { isIPv6 ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// Why `text` is not a listen address, as a message and a fix; nil when it is one.
    static func problem(in text: String) -> (message: String, fix: String)? {
        if case .failure(let problem) = parse(text) { return (problem.message, problem.fix) }
        return nil
    }

    struct Problem: Error {
        var message: String
        var fix: String
    }

    static func parse(_ text: String) -> Result<ListenAddress, Problem> {
        let hostPart: Substring
        let portPart: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else {
                return .failure(Problem(message: "listen address '\(text)' has no closing ']'",
                                        fix: "write IPv6 addresses as [::1]:8080"))
            }
            hostPart = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            guard rest.first == ":" else {
                return .failure(Problem(message: "listen address '\(text)' has no port",
                                        fix: "add a port after the bracket, e.g. [\(hostPart)]:8080"))
            }
            portPart = rest.dropFirst()
            guard isIPv6Literal(String(hostPart)) else {
                return .failure(Problem(message: "'\(hostPart)' in listen address '\(text)' is not an IPv6 address",
                                        fix: "write an IPv6 address such as [::1]:8080, or an IPv4 one without brackets"))
            }
        } else {
            guard let colon = text.lastIndex(of: ":") else {
                let fix = text.allSatisfy(\.isNumber) && !text.isEmpty
                    ? "add a host, e.g. 127.0.0.1:\(text)"
                    : "add a port, e.g. \(text.isEmpty ? "127.0.0.1" : text):8080"
                return .failure(Problem(message: "listen address '\(text)' is not of the form host:port", fix: fix))
            }
            hostPart = text[..<colon]
            portPart = text[text.index(after: colon)...]
            if hostPart.contains(":") {
                return .failure(Problem(message: "IPv6 listen address '\(text)' is not in brackets",
                                        fix: "write it as [\(hostPart)]:\(portPart)"))
            }
        }
        guard portPart.allSatisfy({ $0.isASCII && $0.isNumber }), let port = Int(portPart), (0...65535).contains(port) else {
            return .failure(Problem(message: "port '\(portPart)' in listen address '\(text)' is not a number from 0 to 65535",
                                    fix: "use a port such as 8080"))
        }
        if text.hasPrefix("[") { return .success(ListenAddress(host: String(hostPart), port: port)) }
        if hostPart.isEmpty || hostPart == "*" {
            return .failure(Problem(message: "listen address '\(text)' has no host",
                                    fix: "write 0.0.0.0:\(port) for every interface or 127.0.0.1:\(port) for this machine only"))
        }
        if hostPart.lowercased() == "localhost" { return .success(ListenAddress(host: "127.0.0.1", port: port)) }
        guard isIPv4Literal(String(hostPart)) else {
            return .failure(Problem(message: "listen host '\(hostPart)' is not an IP address (names are not resolved for listening)",
                                    fix: "use 127.0.0.1:\(port) for this machine only or 0.0.0.0:\(port) for every interface"))
        }
        return .success(ListenAddress(host: String(hostPart), port: port))
    }

    private static func isIPv4Literal(_ text: String) -> Bool {
        var address = in_addr()
        return inet_pton(AF_INET, text, &address) == 1
    }

    private static func isIPv6Literal(_ text: String) -> Bool {
        var address = in6_addr()
        return inet_pton(AF_INET6, text, &address) == 1
    }
}
