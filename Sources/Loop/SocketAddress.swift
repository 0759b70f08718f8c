import CLibUV
#if canImport(Glibc)
import Glibc
#endif

/// An IPv4 or IPv6 socket address parsed from a numeric host and a port (no DNS on the loop).
public struct SocketAddress: Sendable {
    var storage = sockaddr_storage()

    public init(host: String, port: Int) throws(LoopError) {
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        var rc: Int32 = 0
        if bare.contains(":") {
            rc = withUnsafeMutableBytes(of: &storage) { raw in
                uv_ip6_addr(bare, Int32(port), raw.baseAddress!.assumingMemoryBound(to: sockaddr_in6.self))
            }
        } else {
            rc = withUnsafeMutableBytes(of: &storage) { raw in
                uv_ip4_addr(bare == "localhost" ? "127.0.0.1" : bare, Int32(port),
                            raw.baseAddress!.assumingMemoryBound(to: sockaddr_in.self))
            }
        }
        try LoopError.check(rc)
    }

    init(storage: sockaddr_storage) { self.storage = storage }

    func withSockaddr<R>(_ body: (UnsafePointer<sockaddr>) -> R) -> R {
        withUnsafeBytes(of: storage) { body($0.baseAddress!.assumingMemoryBound(to: sockaddr.self)) }
    }

    public var port: Int {
        withUnsafeBytes(of: storage) { raw -> Int in
            let family = raw.load(as: sockaddr.self).sa_family
            if family == sa_family_t(AF_INET6) {
                return Int(UInt16(bigEndian: raw.load(as: sockaddr_in6.self).sin6_port))
            }
            return Int(UInt16(bigEndian: raw.load(as: sockaddr_in.self).sin_port))
        }
    }

    /// Loopback addresses: 127.0.0.0/8 and ::1.
    public var isLoopback: Bool {
        withUnsafeBytes(of: storage) { raw -> Bool in
            let family = raw.load(as: sockaddr.self).sa_family
            if family == sa_family_t(AF_INET6) {
                let a = raw.load(as: sockaddr_in6.self).sin6_addr
                return withUnsafeBytes(of: a) { b in b.prefix(15).allSatisfy { $0 == 0 } && b[15] == 1 }
            }
            let a = raw.load(as: sockaddr_in.self).sin_addr.s_addr
            return UInt32(bigEndian: a) >> 24 == 127
        }
    }
}

extension SocketAddress: Equatable {
    /// Same family, address and port (and IPv6 scope); padding and flow labels are ignored.
    public static func == (lhs: SocketAddress, rhs: SocketAddress) -> Bool {
        withUnsafeBytes(of: lhs.storage) { a in
            withUnsafeBytes(of: rhs.storage) { b in
                let family = a.load(as: sockaddr.self).sa_family
                guard family == b.load(as: sockaddr.self).sa_family else { return false }
                if family == sa_family_t(AF_INET6) {
                    let x = a.load(as: sockaddr_in6.self), y = b.load(as: sockaddr_in6.self)
                    return x.sin6_port == y.sin6_port && x.sin6_scope_id == y.sin6_scope_id
                        && withUnsafeBytes(of: x.sin6_addr) { p in withUnsafeBytes(of: y.sin6_addr) { q in p.elementsEqual(q) } }
                }
                let x = a.load(as: sockaddr_in.self), y = b.load(as: sockaddr_in.self)
                return x.sin_port == y.sin_port && x.sin_addr.s_addr == y.sin_addr.s_addr
            }
        }
    }
}
