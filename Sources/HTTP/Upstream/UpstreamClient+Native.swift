import HTTP1
import Loop

// The native transport: plain HTTP/1.1 over the loop's own TCP connections, for upstreams at
// `http://` (a self-hosted model server, a sidecar, the simulator). It exists for speed,
// measured: per proxied request libcurl 7.88 spent ~71k instructions (its printf engine
// formats the request head a byte at a time, it rebuilds the URL, allocates a connection
// record to find the pooled one, and polls the socket twice per read), 2.7 times nginx's whole
// request, and no option removes any of it (bench/README, "Where libcurl's share goes"). TLS
// and proxies stay with curl.

extension UpstreamClient {
    func sendNative(_ request: UpstreamRequest, to target: NativeTarget, transfer: UpstreamTransfer) {
        guard let head = Self.requestHead(request, target: target) else {
            transfer.finish(UpstreamError(.invalidRequest, "a header name or value holds bytes a request head cannot carry"))
            return
        }
        transfer.nativeRequest = (head, request.body)
        transfer.isHeadRequest = request.method == "HEAD"
        active += 1
        transfer.armDeadlines()
        dispatchNative(transfer, to: target.origin, reuse: true)
    }

    /// Puts `transfer` on a parked connection of `origin`, or on a new one once the origin's
    /// address is known.
    func dispatchNative(_ transfer: UpstreamTransfer, to origin: UpstreamOrigin, reuse: Bool) {
        if reuse, let connection = origin.takeIdle(now: loop.now, maxIdleMs: Self.maxIdleMs) {
            connection.reuse(for: transfer)
        } else if let index = origin.currentAddress(now: loop.now) {
            transfer.addressesTried = 1
            UpstreamConnection.open(client: self, origin: origin, addressIndex: index, for: transfer)
        } else {
            transfer.awaitingAddress = true
            origin.waiting.append(transfer)
            if !origin.resolving { lookUp(origin) }
        }
    }

    /// Looks the origin's name up once for every transfer waiting on it. The connect deadline
    /// covers the wait, as curl's does.
    private func lookUp(_ origin: UpstreamOrigin) {
        origin.resolving = true
        lookups += 1
        NameResolver.resolve(origin.host, port: origin.port, loop: loop) { [self] result in
            origin.resolving = false
            let waiting = origin.waiting
            origin.waiting = []
            if case .success(let addresses) = result { origin.resolved(addresses, now: loop.now) }
            for transfer in waiting where transfer.awaitingAddress {
                transfer.awaitingAddress = false
                switch result {
                case .success:
                    transfer.addressesTried = 1
                    UpstreamConnection.open(client: self, origin: origin, addressIndex: origin.preferred, for: transfer)
                case .failure(let error):
                    nativeEnded(transfer, error: UpstreamError(.connect, "could not resolve host \(origin.host): \(error.name)"))
                }
            }
        }
    }

    /// A native transfer's connection finished with it (answered, failed or refused).
    func nativeEnded(_ transfer: UpstreamTransfer, error: UpstreamError?) {
        active -= 1
        completed += 1
        transfer.finish(error)
    }

    /// Parked connections are kept up to the idle target; past it a finished connection closes.
    var canPark: Bool { parkedConnections < idleConnections }

    /// curl's default for the same thing (CURLOPT_MAXAGE_CONN): a connection idle this long is
    /// not reused, as servers drop idle keep-alive connections after a minute or two.
    static let maxIdleMs: UInt64 = 118_000

    /// The request line, `Host`, the caller's headers and the body's length, ready to write.
    /// Nil when a header would break the head's framing (a name that is not a token, a value
    /// holding CR, LF, NUL or another control byte).
    static func requestHead(_ request: UpstreamRequest, target: NativeTarget) -> [UInt8]? {
        var head: [UInt8] = []
        head.reserveCapacity(256 + request.headers.count * 48)
        head += request.method.utf8
        head.append(32)
        head += target.target
        head += " HTTP/1.1\r\n".utf8
        var hasHost = false
        for header in request.headers {
            let name = header.name.utf8
            guard !name.isEmpty, name.allSatisfy(ByteClass.isToken), header.value.utf8.allSatisfy(ByteClass.isFieldValue)
            else { return nil }
            if name.count == 4, header.name.lowercased() == "host" { hasHost = true }
            // Framing is ours to write; a caller's copy could contradict the body we send.
            if name.count == 14, header.name.lowercased() == "content-length" { continue }
            if name.count == 17, header.name.lowercased() == "transfer-encoding" { continue }
            head += name
            head += ": ".utf8
            head += header.value.utf8
            head += "\r\n".utf8
        }
        if !hasHost {
            head += "Host: ".utf8
            head += target.origin.authority
            head += "\r\n".utf8
        }
        if request.method != "GET" && request.method != "HEAD" || !request.body.isEmpty {
            head += "Content-Length: ".utf8
            head += String(request.body.count).utf8
            head += "\r\n".utf8
        }
        head += "\r\n".utf8
        return head
    }
}
