import CLibUV
#if canImport(Glibc)
import Glibc
#endif

/// Host name lookups off the loop thread: `getaddrinfo` runs on libuv's thread pool and the
/// answer comes back on the loop, so a slow DNS server never holds the loop.
@LoopActor
public enum NameResolver {
    /// Addresses kept per answer: enough for a service's replicas, bounded for a hostile resolver.
    nonisolated public static let maxAddresses = 16

    /// Resolves `host` for a TCP connection to `port`; `done` runs once on the loop with the
    /// resolver's addresses, IPv4 ones first (at most `maxAddresses`, none twice), or the error.
    public static func resolve(_ host: String, port: Int, loop: EventLoop = .shared,
                               _ done: @escaping @LoopActor (Result<[SocketAddress], LoopError>) -> Void) {
        let request = UnsafeMutablePointer<uv_getaddrinfo_t>.allocate(capacity: 1)
        request.pointee.data = Unmanaged.passRetained(ResolveContext(done)).toOpaque()
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        let rc = uv_getaddrinfo(loop.uv, request, resolved, host, String(port), &hints)
        if rc < 0 {
            Unmanaged<ResolveContext>.fromOpaque(request.pointee.data).release()
            request.deallocate()
            done(.failure(LoopError(code: rc)))
        }
    }
}

/// Carries a lookup's completion through libuv's request data pointer (loop thread only).
final class ResolveContext {
    let done: @LoopActor (Result<[SocketAddress], LoopError>) -> Void
    init(_ done: @escaping @LoopActor (Result<[SocketAddress], LoopError>) -> Void) { self.done = done }
}

private let resolved: uv_getaddrinfo_cb = { req, status, list in
    let context = Unmanaged<ResolveContext>.fromOpaque(req!.pointee.data).takeRetainedValue()
    req!.deallocate()
    var addresses: [SocketAddress] = []
    // IPv4 first: `localhost` often lists ::1 first while servers commonly listen on 127.0.0.1
    // only. A connection tries them in this order when one is refused (no happy eyeballs: the
    // next address is tried after a failure, not raced).
    for family in [AF_INET, AF_INET6] where status >= 0 {
        var entry = list
        while let current = entry, addresses.count < NameResolver.maxAddresses {
            if let address = current.pointee.ai_addr, address.pointee.sa_family == sa_family_t(family),
               Int(current.pointee.ai_addrlen) <= MemoryLayout<sockaddr_storage>.size {
                var storage = sockaddr_storage()
                withUnsafeMutableBytes(of: &storage) { raw in
                    raw.baseAddress!.copyMemory(from: address, byteCount: Int(current.pointee.ai_addrlen))
                }
                let found = SocketAddress(storage: storage)
                if !addresses.contains(found) { addresses.append(found) }
            }
            entry = current.pointee.ai_next
        }
    }
    let result: Result<[SocketAddress], LoopError> = addresses.isEmpty
        ? .failure(LoopError(code: status < 0 ? status : UV_EAI_NONAME.rawValue)) : .success(addresses)
    if let list { uv_freeaddrinfo(list) }
    LoopActor.assumeIsolated((context, result)) { $0.0.done($0.1) }
}
