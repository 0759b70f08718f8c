import HTTP1
import Loop

/// Connection timeouts of the HTTP server, in milliseconds.
public struct ServerTimeouts: Sendable, Hashable {
    /// From a request's first byte to the end of its headers (slow-header defence).
    public var headerMs: UInt64
    /// How long a keep-alive connection may sit with no request.
    public var idleMs: UInt64

    public init(headerMs: UInt64 = 10_000, idleMs: UInt64 = 60_000) {
        self.headerMs = headerMs
        self.idleMs = idleMs
    }
}

/// An HTTP/1.1 server on the loop: accepts connections and runs `handler` as a loop task per
/// request, one request at a time per connection, responses in request order.
@LoopActor
public final class HTTPServer {
    /// Answers one request through its writer; the connection's next response waits until
    /// this one is finished.
    public typealias Handler = @LoopActor (ServerRequest, ResponseWriter) async -> Void

    let loop: EventLoop
    let handler: Handler
    private let configuration: ServerConnectionConfiguration
    private var listener: TCPListener?
    private var connections: [ObjectIdentifier: ServerConnection] = [:]

    public init(loop: EventLoop = .shared, limits: ParserLimits = ParserLimits(),
                timeouts: ServerTimeouts = ServerTimeouts(), handler: @escaping Handler) {
        self.loop = loop
        self.handler = handler
        // The server reads every body whole before the handler runs, so a client that sent
        // `Expect: 100-continue` gets its `100 Continue` with the head; without it, curl and
        // .NET wait a second before sending the body.
        self.configuration = ServerConnectionConfiguration(
            parserLimits: limits, headerTimeoutMilliseconds: timeouts.headerMs,
            idleTimeoutMilliseconds: timeouts.idleMs, sendsContinueAutomatically: true)
    }

    /// Binds and starts accepting; returns the bound port (pass 0 for an ephemeral one).
    @discardableResult
    public func listen(host: String, port: Int) throws(LoopError) -> Int {
        let listener = TCPListener(loop: loop)
        do {
            try listener.bind(SocketAddress(host: host, port: port))
            try listener.listen { [unowned self] tcp in accept(tcp) }
        } catch {
            listener.close()
            throw error
        }
        self.listener = listener
        return listener.localAddress?.port ?? port
    }

    private func accept(_ tcp: TCPConnection) {
        let connection = ServerConnection(tcp: tcp, server: self, configuration: configuration)
        connections[ObjectIdentifier(connection)] = connection
        connection.start()
        tcp.readPending()
    }

    func connectionClosed(_ connection: ServerConnection) {
        connections[ObjectIdentifier(connection)] = nil
    }

    /// Open client connections.
    public var connectionCount: Int { connections.count }

    /// True after `close()`: requests already being answered finish; new ones on open
    /// connections get a 503 with `Connection: close`, and connections close after each response.
    public private(set) var isDraining = false

    /// Stops accepting new connections; open ones finish their requests.
    public func close() {
        isDraining = true
        listener?.close()
        listener = nil
    }
}
