import HTTP1
import Loop

/// Carries out a `ServerConnectionState`'s actions on one accepted TCP connection.
///
/// The state machine decides; this class only reads, writes, arms the timer and runs the
/// application handler as a loop task.
@LoopActor
final class ServerConnection {
    /// Above this many unsent bytes a streaming writer waits; below `lowWatermark` it resumes.
    static let highWatermark = 256 << 10
    static let lowWatermark = 64 << 10

    let tcp: TCPConnection
    // Strong: a connection outlives `HTTPServer.close()` until its last response is done.
    let server: HTTPServer
    private var state: ServerConnectionState
    private let timer: LoopTimer
    private var head: RequestHead?
    private var body: [UInt8] = []
    private var receivedAt: UInt64 = 0
    private var writer: ResponseWriter?
    private var drainWaiters: [UnsafeContinuation<Void, Never>] = []
    private var closing = false

    private let configuration: ServerConnectionConfiguration

    init(tcp: TCPConnection, server: HTTPServer, configuration: ServerConnectionConfiguration) {
        self.configuration = configuration
        self.tcp = tcp
        self.server = server
        self.state = ServerConnectionState(configuration: configuration)
        self.timer = LoopTimer(loop: server.loop)
    }

    func start() {
        tcp.setCloseHandler { [self] in didClose() }
        tcp.startReading { [unowned self] result in
            switch result {
            case .success(let bytes): state.bytesRead(bytes)
            case .failure(let error): inputEnded(error)
            }
            perform()
        }
        state.start()
        perform()
    }

    /// EOF while a response is in progress means the client went away (LLM clients do not
    /// half-close); the upstream call must stop now, not at the next failed write.
    private func inputEnded(_ error: LoopError) {
        if error == .endOfFile, writer == nil, head == nil {
            state.endOfInput()
        } else {
            abort()
        }
    }

    private func abort() {
        writer?.clientWentAway()
        state.connectionClosed()
        closeNow()
    }

    private func perform() {
        while let action = state.nextAction() {
            switch action {
            case .deliverHead(let newHead):
                head = newHead
                body = []
                receivedAt = EventLoop.hrtime()
                if newHead.body != .none { armBodyDeadline() }
            case .deliverBody(let bytes):
                body += bytes
            case .deliverEnd:
                if head?.body != RequestBodyFraming.none { timer.stop() }
                dispatch()
            case .abortRequest:
                head = nil
                writer?.clientWentAway()
            case .write(let bytes):
                write(bytes)
            case .startReading:
                tcp.resumeReading()
            case .stopReading:
                tcp.stopReading()
            case .armTimer(let which, let milliseconds):
                timer.start(after: milliseconds) { [unowned self] in
                    state.timerFired(which)
                    perform()
                }
            case .cancelTimer:
                timer.stop()
            case .close:
                closeAfterFlush()
            }
        }
    }

    /// The state machine arms no timer while a request is with the application, so a client
    /// that sends its body slowly is cut off here: the whole body must arrive within the idle
    /// timeout.
    private func armBodyDeadline() {
        timer.start(after: configuration.idleTimeoutMilliseconds) { [unowned self] in
            guard writer == nil, head != nil else { return }
            write(ParseError.bodyTimeout.responseBytes)
            state.connectionClosed()
            closeAfterFlush()
        }
    }

    private func dispatch() {
        guard let head else { return }
        let request = ServerRequest(head: head, body: body, receivedAt: receivedAt)
        body = []
        let draining = server.isDraining
        let writer = ResponseWriter(connection: self, requestVersion: head.version, keepAlive: head.keepAlive && !draining,
                                    headOnly: head.method == .head)
        self.writer = writer
        if draining {
            writer.respond(status: .serviceUnavailable, headers: ["Retry-After": "1", "Content-Type": "text/plain"],
                           body: Array("shutting down\n".utf8))
            return
        }
        let handler = server.handler
        server.loop.spawn {
            await handler(request, writer)
            if writer.isHandedOff { return }
            if !writer.isStarted {
                writer.respond(status: .internalServerError, body: Array("internal error\n".utf8))
            } else if !writer.isFinished && !writer.isClientGone {
                writer.finish()
            }
        }
    }

    // MARK: Called by ResponseWriter

    var pendingWriteBytes: Int { tcp.pendingWriteBytes }

    func markResponseStarted() { state.responseStarted() }

    func write(_ bytes: [UInt8]) {
        guard !tcp.isClosed else { return }
        tcp.write(bytes, completion: writeCompleted)
    }

    /// Three pieces as one gathered write (a chunk: size line, data, CRLF).
    func write(_ first: UnsafeRawBufferPointer, _ second: UnsafeRawBufferPointer, _ third: UnsafeRawBufferPointer) {
        guard !tcp.isClosed else { return }
        tcp.write(first, second, third, completion: writeCompleted)
    }

    /// Made once, not per write: a streamed response writes for every token. Typed as
    /// loop-isolated so that calling it needs no run-time isolation check (about 1,000
    /// instructions per call otherwise).
    private lazy var writeCompleted: @LoopActor (LoopError?) -> Void = { [unowned self] error in
        if error != nil, !tcp.isClosed {
            abort()
        } else if !drainWaiters.isEmpty, tcp.pendingWriteBytes < Self.lowWatermark {
            resumeDrainWaiters()
        }
    }

    func waitForDrain() async {
        guard !tcp.isClosed else { return }
        // Resumed exactly once: by the write that drains below the low watermark, or on close.
        await withUnsafeContinuation { drainWaiters.append($0) }
    }

    /// Closes the socket now, unflushed and mid-response (`ResponseWriter.abortConnection`).
    func abortConnection() {
        writer = nil
        head = nil
        state.connectionClosed()
        closeNow()
    }

    func responseFinished(closeAfter: Bool) {
        writer = nil
        head = nil
        state.responseFinished(closeConnection: closeAfter)
        perform()
    }

    // MARK: Closing

    /// Sends FIN after the queued bytes, then drains what the client still sends for a moment:
    /// closing with unread input makes the kernel answer RST, which can destroy an error
    /// response the client has not read yet.
    private func closeAfterFlush() {
        guard !closing else { return }
        closing = true
        timer.stop()
        tcp.shutdown { [self] in
            guard !tcp.isClosed else { return }
            tcp.startReading { [unowned self] result in
                if case .failure = result { closeNow() }
            }
            timer.start(after: Self.lingerMs) { [unowned self] in closeNow() }
        }
    }

    static let lingerMs: UInt64 = 1_000

    private func closeNow() {
        closing = true
        timer.close()
        tcp.close()
    }

    private func resumeDrainWaiters() {
        let waiters = drainWaiters
        drainWaiters.removeAll()
        for waiter in waiters { waiter.resume() }
    }

    private func didClose() {
        writer?.clientWentAway()
        state.connectionClosed()
        resumeDrainWaiters()
        timer.close()
        server.connectionClosed(self)
    }
}
