import Loop

/// One `http://host:port` the native client talks to, with its address and its idle keep-alive
/// connections.
///
/// Plain-HTTP origins qualify (TLS and a configured proxy stay with curl). An IP literal has its
/// address from the start; a name is looked up off the loop (`NameResolver`) when a connection
/// is needed and the last answer is older than `addressTTLMs`, and requests wait for it.
/// A name may have several addresses: a connect that fails moves to the next one and, if that
/// one answers, it stays the first choice (curl too tries each address in turn).
@LoopActor
final class UpstreamOrigin {
    unowned let client: UpstreamClient
    let host: String
    let port: Int
    /// Empty for a name not yet looked up.
    private(set) var addresses: [SocketAddress]
    /// The address new connections try first.
    private(set) var preferred = 0
    /// Whether `address` came from a lookup (and so goes stale).
    let isName: Bool
    var resolvedAtMs: UInt64 = 0
    var resolving = false
    /// Transfers waiting for the lookup; one that ended meanwhile is skipped when it answers.
    var waiting: [UpstreamTransfer] = []
    /// curl's DNS cache keeps an answer as long (CURLOPT_DNS_CACHE_TIMEOUT).
    static let addressTTLMs: UInt64 = 60_000
    /// `Host` header value: the authority as written in the URL, the default port left out.
    let authority: [UInt8]
    /// Idle connections, most recently used last (reused first: the likeliest to still be open).
    var idle: [UpstreamConnection] = []

    init(client: UpstreamClient, host: String, port: Int, address: SocketAddress?, authority: [UInt8]) {
        self.client = client
        self.host = host
        self.port = port
        self.addresses = address.map { [$0] } ?? []
        self.isName = address == nil
        self.authority = authority
    }

    /// The index of the address to connect to now, or nil when it must be looked up (again).
    func currentAddress(now: UInt64) -> Int? {
        guard !addresses.isEmpty else { return nil }
        return !isName || now &- resolvedAtMs < Self.addressTTLMs ? preferred : nil
    }

    /// A new lookup's answer. The preferred address stays preferred if the answer still has it.
    func resolved(_ answer: [SocketAddress], now: UInt64) {
        let current = addresses.isEmpty ? nil : addresses[preferred]
        addresses = answer
        preferred = current.flatMap { answer.firstIndex(of: $0) } ?? 0
        resolvedAtMs = now
    }

    /// The address to try after a connect to `index` failed (the next one, round), or nil when
    /// there is no other. The failed one loses its preference.
    func address(after index: Int) -> Int? {
        guard addresses.count > 1, index < addresses.count else { return nil }
        let next = (index + 1) % addresses.count
        if preferred == index { preferred = next }
        return next
    }

    /// Takes the most recently parked connection that is still fit for another request.
    func takeIdle(now: UInt64, maxIdleMs: UInt64) -> UpstreamConnection? {
        while let connection = idle.popLast() {
            connection.idleIndex = -1
            client.parkedConnections -= 1
            if now &- connection.idleSinceMs < maxIdleMs { return connection }
            connection.close()
        }
        return nil
    }

    func park(_ connection: UpstreamConnection, now: UInt64) {
        connection.idleIndex = idle.count
        connection.idleSinceMs = now
        idle.append(connection)
        client.parkedConnections += 1
    }

    /// Removes a parked connection in O(1): the last one takes its slot.
    func unpark(_ connection: UpstreamConnection) {
        let index = connection.idleIndex
        guard index >= 0, index < idle.count, idle[index] === connection else { return }
        client.parkedConnections -= 1
        let last = idle.removeLast()
        if index < idle.count {
            idle[index] = last
            last.idleIndex = index
        }
        connection.idleIndex = -1
    }
}
