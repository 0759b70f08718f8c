import CLibUV

extension TCPConnection {
    /// Opens a client connection (tests and load tools; the upstream client uses `open`).
    public static func connect(to address: SocketAddress, loop: EventLoop = .shared) async throws(LoopError) -> TCPConnection {
        var connection: TCPConnection?
        let failure: LoopError? = await withCheckedContinuation { continuation in
            connection = open(to: address, loop: loop) { continuation.resume(returning: $0) }
        }
        if let failure { throw failure }
        return connection!
    }

    /// Starts a client connection and returns it at once; `done` runs once, with nil when it is
    /// connected or with the error. Closing the connection before then cancels the attempt
    /// (`done` gets `.canceled`). The upstream client uses this form: it has no task to suspend
    /// (a transfer starts synchronously) and must be able to abandon a connect on a deadline.
    public static func open(to address: SocketAddress, loop: EventLoop = .shared,
                            _ done: @escaping @LoopActor (LoopError?) -> Void) -> TCPConnection {
        let connection = TCPConnection(loop: loop)
        let request = UnsafeMutablePointer<uv_connect_t>.allocate(capacity: 1)
        let context = OpenContext(connection: connection, done: done)
        request.pointee.data = Unmanaged.passRetained(context).toOpaque()
        let rc = address.withSockaddr { uv_tcp_connect(request, connection.tcp, $0, openDone) }
        if rc < 0 {
            Unmanaged<OpenContext>.fromOpaque(request.pointee.data).release()
            request.deallocate()
            connection.close()
            done(LoopError(code: rc))
        }
        return connection
    }

    var tcp: UnsafeMutablePointer<uv_tcp_t> { UnsafeMutablePointer(OpaquePointer(stream)) }
}

/// Carries an `open` completion through libuv's request data pointer (loop thread only).
final class OpenContext {
    let connection: TCPConnection
    let done: @LoopActor (LoopError?) -> Void
    init(connection: TCPConnection, done: @escaping @LoopActor (LoopError?) -> Void) {
        self.connection = connection
        self.done = done
    }
}

private let openDone: uv_connect_cb = { req, status in
    let context = Unmanaged<OpenContext>.fromOpaque(req!.pointee.data).takeRetainedValue()
    req!.deallocate()
    LoopActor.assumeIsolated((context, status)) { pair in
        let (context, status) = pair
        if status < 0 {
            context.connection.close()
            context.done(LoopError(code: status))
        } else {
            context.connection.configureAccepted()
            context.done(nil)
        }
    }
}

extension TCPConnection {
    /// Sends FIN once every queued write has reached the kernel, then reports back; the way
    /// to close without cutting off a response still in libuv's write queue.
    public func shutdown(_ completion: @escaping @LoopActor () -> Void) {
        guard !isClosed else { completion(); return }
        let request = UnsafeMutablePointer<uv_shutdown_t>.allocate(capacity: 1)
        request.pointee.data = Unmanaged.passRetained(ShutdownContext(completion)).toOpaque()
        if uv_shutdown(request, stream, shutdownDone) < 0 {
            Unmanaged<ShutdownContext>.fromOpaque(request.pointee.data).release()
            request.deallocate()
            completion()
        }
    }
}

/// Carries a shutdown completion through libuv's request data pointer (loop thread only).
final class ShutdownContext: @unchecked Sendable {
    let completion: @LoopActor () -> Void
    init(_ completion: @escaping @LoopActor () -> Void) { self.completion = completion }
}

private let shutdownDone: uv_shutdown_cb = { req, _ in
    let context = Unmanaged<ShutdownContext>.fromOpaque(req!.pointee.data).takeRetainedValue()
    req!.deallocate()
    LoopActor.assumeIsolated(context) { $0.completion() }
}
