/// The per-connection HTTP/1.1 server logic, as a deterministic state machine the I/O layer
/// drives: report each event with a method call, then perform `nextAction()` until nil.
///
/// Invariants: at most one request is with the application; the next pipelined request is
/// parsed only after `responseFinished`, so responses leave in request order. The connection
/// closes after a response when keep-alive is off, when the request body was not fully read,
/// or after any request error. Timers run only while the connection waits for the client.
public struct ServerConnectionState: Sendable {
    public let configuration: ServerConnectionConfiguration
    var parser: RequestParser
    var phase = Phase.waiting
    var current = InFlight()
    var armedTimer: Timer?
    var readingStopped = true
    var peerClosed = false
    /// Pending actions are `actions[actionIndex...]`.
    var actions: [Action] = []
    var actionIndex = 0

    public init(configuration: ServerConnectionConfiguration = ServerConnectionConfiguration()) {
        self.configuration = configuration
        self.parser = RequestParser(limits: configuration.parserLimits)
        actions.reserveCapacity(8)
    }

    /// True once `.close` was emitted or `connectionClosed()` reported.
    public var isClosed: Bool { phase == .closed }

    /// The next action to perform, or nil when there is nothing to do until the next event.
    public mutating func nextAction() -> Action? {
        guard actionIndex < actions.count else {
            if actionIndex > 0 {
                actions.removeAll(keepingCapacity: true)
                actionIndex = 0
            }
            return nil
        }
        defer { actionIndex += 1 }
        return actions[actionIndex]
    }

    /// The connection was accepted: start reading and arm the idle timer.
    public mutating func start() {
        guard phase == .waiting, readingStopped, armedTimer == nil else { return }
        updateReading()
        arm(.idle)
    }

    /// Bytes arrived from the client.
    public mutating func bytesRead(_ bytes: UnsafeRawBufferPointer) {
        guard phase != .closed, !peerClosed else { return }
        parser.feed(bytes)
        switch phase {
        case .waiting: advanceWaiting()
        case .inFlight where !current.bodyComplete: pumpBody()
        case .inFlight, .closed: break
        }
        updateReading()
    }

    public mutating func bytesRead(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { bytesRead($0) }
    }

    /// The client closed its sending side (read returned EOF).
    public mutating func endOfInput() {
        guard phase != .closed, !peerClosed else { return }
        peerClosed = true
        switch phase {
        case .waiting:
            // Everything buffered was already parsed: what is left is an incomplete request.
            closeConnection()
        case .inFlight where !current.bodyComplete:
            fail(.unexpectedEndOfInput, answer: false)
        case .inFlight, .closed:
            // Answer the request, then any complete pipelined ones, then close.
            break
        }
    }

    /// The application is ready for the request body: sends `100 Continue` if the client is
    /// waiting for one and no response has started.
    public mutating func requestBodyWanted() {
        guard phase == .inFlight, current.expectsContinue, !current.continueSent,
              !current.responseStarted, !current.bodyComplete else { return }
        current.continueSent = true
        emit(.write(ResponseHead.continueBytes))
    }

    /// The application began writing its response to the request in flight.
    public mutating func responseStarted() {
        guard phase == .inFlight else { return }
        current.responseStarted = true
    }

    /// The application wrote the whole response. `closeConnection` asks to close afterwards
    /// (a close-delimited body, or the response said `Connection: close`).
    public mutating func responseFinished(closeConnection close: Bool = false) {
        guard phase == .inFlight else { return }
        if close || !current.keepAlive || !current.bodyComplete {
            closeConnection()
            return
        }
        phase = .waiting
        current = InFlight()
        advanceWaiting()
        updateReading()
    }

    /// A timer armed by `.armTimer` expired. Stale or unexpected firings are ignored.
    public mutating func timerFired(_ timer: Timer) {
        guard phase == .waiting, armedTimer == timer else { return }
        armedTimer = nil
        if timer == .header && !parser.isIdle {
            emit(.write(ParseError.headerTimeout.responseBytes))
        }
        closeConnection()
    }

    /// The I/O layer closed the connection on its own (write error, reset, shutdown).
    public mutating func connectionClosed() {
        guard phase != .closed else { return }
        if phase == .inFlight { emit(.abortRequest(nil)) }
        phase = .closed
        armedTimer = nil
    }
}
