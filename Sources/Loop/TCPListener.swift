import CLibUV

/// A listening TCP socket: init, `bind`, `listen(onConnection:)`, `close()`.
@LoopActor
public final class TCPListener {
    private let handle: UnsafeMutablePointer<uv_tcp_t>
    private let loop: EventLoop
    private var onConnection: (@LoopActor (TCPConnection) -> Void)?
    private var closed = false

    public init(loop: EventLoop = .shared) {
        self.loop = loop
        handle = .allocate(capacity: 1)
        uv_tcp_init(loop.uv, handle)
        handle.pointee.data = Unmanaged.passUnretained(self).toOpaque()
    }

    public func bind(_ address: SocketAddress) throws(LoopError) {
        let rc = address.withSockaddr { uv_tcp_bind(handle, $0, 0) }
        try LoopError.check(rc)
    }

    /// Starts accepting; every accepted connection is handed over unread.
    public func listen(backlog: Int32 = 1024, onConnection: @escaping @LoopActor (TCPConnection) -> Void) throws(LoopError) {
        self.onConnection = onConnection
        let rc = uv_listen(sy_stream(handle), backlog, listenerAccept)
        try LoopError.check(rc)
    }

    fileprivate func accept() {
        let connection = TCPConnection(loop: loop)
        guard uv_accept(sy_stream(handle), connection.stream) == 0 else {
            connection.close()
            return
        }
        connection.configureAccepted()
        onConnection?(connection)
    }

    /// The bound address, so tests and the simulator can listen on port 0.
    public var localAddress: SocketAddress? {
        var storage = sockaddr_storage()
        var length = Int32(MemoryLayout<sockaddr_storage>.size)
        let rc = withUnsafeMutableBytes(of: &storage) { raw in
            uv_tcp_getsockname(handle, raw.baseAddress!.assumingMemoryBound(to: sockaddr.self), &length)
        }
        return rc == 0 ? SocketAddress(storage: storage) : nil
    }

    public func close() {
        guard !closed else { return }
        closed = true
        onConnection = nil
        handle.pointee.data = nil
        uv_close(sy_handle(handle), freeHandle)
    }
}

private let listenerAccept: uv_connection_cb = { server, status in
    guard status >= 0, let data = server?.pointee.data else { return }
    let listener = Unmanaged<TCPListener>.fromOpaque(data).takeUnretainedValue()
    LoopActor.assumeIsolated(listener) { $0.accept() }
}
