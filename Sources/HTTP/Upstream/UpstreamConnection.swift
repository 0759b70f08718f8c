import HTTP1
import Loop

/// One keep-alive TCP connection of the native client: it carries one transfer at a time and
/// parses the answer straight out of the socket's read buffer.
///
/// Lifecycle: opened for a transfer, then either parked in its origin's idle list between
/// transfers or closed. Ownership: the transfer it carries holds it (and it the transfer) while
/// a request is in flight; the origin's idle list holds it while parked; `close` ends both.
@LoopActor
final class UpstreamConnection {
    unowned let client: UpstreamClient
    unowned let origin: UpstreamOrigin
    let tcp: TCPConnection
    /// Which of the origin's addresses this connection went to.
    let addressIndex: Int
    private var parser = ResponseParser()
    private(set) var transfer: UpstreamTransfer?
    private var keepAlive = false
    /// Responses completed on this connection; above zero it is a reused one, which the server
    /// may have closed just as the request went out.
    private var served = 0
    /// Position in `origin.idle` while parked, else -1.
    var idleIndex = -1
    var idleSinceMs: UInt64 = 0

    private init(client: UpstreamClient, origin: UpstreamOrigin, tcp: TCPConnection, addressIndex: Int) {
        self.client = client
        self.origin = origin
        self.tcp = tcp
        self.addressIndex = addressIndex
    }

    /// Opens a connection to one of `origin`'s addresses and starts `transfer` on it once connected.
    static func open(client: UpstreamClient, origin: UpstreamOrigin, addressIndex: Int, for transfer: UpstreamTransfer) {
        let pending = PendingConnect()
        let tcp = TCPConnection.open(to: origin.addresses[addressIndex], loop: client.loop) { error in
            guard let connection = pending.connection else { pending.early = error; return }
            connection.didConnect(error)
        }
        let connection = UpstreamConnection(client: client, origin: origin, tcp: tcp, addressIndex: addressIndex)
        pending.connection = connection
        connection.attach(transfer)
        // A connect refused synchronously (no route, bad address) has called back already.
        if let early = pending.early { connection.didConnect(early) }
    }

    private func attach(_ transfer: UpstreamTransfer) {
        self.transfer = transfer
        transfer.connection = self
        parser.reset(requestMethodIsHead: transfer.isHeadRequest)
    }

    private func didConnect(_ error: LoopError?) {
        guard let transfer else { return }  // abandoned (deadline, cancel): already accounted
        if let error {
            // Another address of the name may be up; the connect deadline still covers them all.
            if transfer.addressesTried < origin.addresses.count, let next = origin.address(after: addressIndex) {
                transfer.addressesTried += 1
                detachTransfer()
                close()
                UpstreamConnection.open(client: client, origin: origin, addressIndex: next, for: transfer)
                return
            }
            end(UpstreamError(.connect, "connect to upstream failed: \(error.name)"))
            return
        }
        transfer.didConnect()
        tcp.startReading { [unowned self] result in self.didRead(result) }
        sendRequest(of: transfer)
    }

    /// Starts `transfer` on this parked connection.
    func reuse(for transfer: UpstreamTransfer) {
        attach(transfer)
        transfer.didConnect()
        sendRequest(of: transfer)
    }

    private func sendRequest(of transfer: UpstreamTransfer) {
        guard let request = transfer.nativeRequest else { return }
        request.head.withUnsafeBytes { head in
            request.body.withUnsafeBytes { body in
                // Gathered into one write; libuv copies whatever the kernel does not take now.
                tcp.write(head, body, UnsafeRawBufferPointer(start: nil, count: 0))
            }
        }
    }

    private func didRead(_ result: Result<UnsafeRawBufferPointer, LoopError>) {
        guard let transfer else {
            // Parked: the server closed it (or sent bytes nobody asked for). Either way it is done.
            origin.unpark(self)
            close()
            return
        }
        switch result {
        case .success(let bytes):
            var offset = 0
            var pause = false
            while let event = parser.next(bytes, offset: &offset) {
                switch event {
                case .head(let head):
                    keepAlive = head.keepAlive
                    transfer.didReceiveHead(status: head.status, block: head.headerBlock)
                case .body(let range):
                    if !transfer.didReceiveBody(UnsafeRawBufferPointer(rebasing: bytes[range])) { pause = true }
                case .end:
                    // Bytes after the answer were never asked for: the connection is not reusable.
                    if offset < bytes.count { keepAlive = false }
                    end(nil)
                    return
                case .error(let error):
                    keepAlive = false
                    end(UpstreamError(.other, "upstream sent a malformed response: \(error)"))
                    return
                }
            }
            if pause { tcp.stopReading() }
        case .failure(let error):
            keepAlive = false
            switch parser.eof() {
            case .end?:
                end(nil)
            case .error(let parseError)?:
                end(UpstreamError(.reset, "upstream closed the connection mid-response: \(parseError)"))
            default:
                if served > 0, !parser.hasStarted, transfer.retryOnFreshConnection() {
                    // A kept-alive connection the server had closed as the request went out:
                    // nothing was answered, so the request goes again on a new connection.
                    detachTransfer()
                    close()
                    client.dispatchNative(transfer, to: origin, reuse: false)
                } else {
                    let why = error == .endOfFile ? "closed the connection" : error.name
                    end(UpstreamError(.reset, "upstream \(why) before answering"))
                }
            }
        }
    }

    /// The backlog that paused reading was taken.
    func resume() {
        tcp.resumeReading()
    }

    /// The transfer ended from our side (deadline, cancel): the connection goes with it, as
    /// its answer is unfinished.
    func abandon() {
        detachTransfer()
        close()
    }

    /// The answer is complete or failed: park the connection if it can carry another request.
    private func end(_ error: UpstreamError?) {
        guard let transfer else { return }
        detachTransfer()
        served += 1
        // A successful end comes only from a read, and reading starts once connected.
        if error == nil, keepAlive, !tcp.isClosed, tcp.pendingWriteBytes == 0, client.canPark {
            origin.park(self, now: client.loop.now)
        } else {
            close()
        }
        client.nativeEnded(transfer, error: error)
    }

    private func detachTransfer() {
        transfer?.connection = nil
        transfer = nil
    }

    func close() {
        tcp.close()
    }
}

/// The connection a connect's completion reports to, set once the connection exists (the
/// completion may run before that, when the connect fails at once).
@LoopActor
private final class PendingConnect {
    var connection: UpstreamConnection?
    var early: LoopError?
}
