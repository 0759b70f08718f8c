import HTTP1
import Loop

/// The application's handle on one response: a whole body at once, or a stream of pieces.
///
/// Invariant: exactly one of `respond` or `startStream` … `finish` happens per request; a
/// handler that returns without either gets a 500 from the server, so no client hangs.
@LoopActor
public final class ResponseWriter {
    unowned let connection: ServerConnection
    let requestVersion: HTTPVersion
    let keepAlive: Bool
    /// The request was `HEAD`: the head goes out as a `GET` would have it (its
    /// `Content-Length` included), never a byte of body (RFC 9110 §9.3.2). A body on a kept-alive
    /// connection would be read as the start of the next response.
    let headOnly: Bool
    private var encoder: ResponseBodyEncoder?
    private var goneHandlers: [@LoopActor () -> Void] = []

    public private(set) var status = 0
    public private(set) var bytesWritten = 0
    public private(set) var isStarted = false
    public private(set) var isFinished = false
    /// The client closed its connection (or a write failed) before the response ended.
    public private(set) var isClientGone = false
    /// The handler passed the response on to another task, which finishes it; the server does
    /// not close it when the handler returns.
    public private(set) var isHandedOff = false
    /// When set, the body bytes written are also kept here (before chunked framing), up to
    /// `bodyCaptureLimit`: for a ledger that stores bodies. Nil (the default) keeps nothing.
    public var bodyCapture: [UInt8]?
    public var bodyCaptureLimit = Int.max
    /// Body bytes written beyond `bodyCaptureLimit`, so the stored body can say it was cut.
    public private(set) var bodyCaptureOverflow = 0

    /// Supplies one header computed at the moment the head is written (a timing, say).
    public var lateHeader: (@LoopActor () -> (name: String, value: String))?

    /// Lets the handler return while another task goes on writing (a long stream in a task
    /// of its own, so that the handler's task and its frames can end). That task must
    /// `finish()` the response.
    public func handOff() { isHandedOff = true }

    init(connection: ServerConnection, requestVersion: HTTPVersion, keepAlive: Bool, headOnly: Bool = false) {
        self.connection = connection
        self.requestVersion = requestVersion
        self.keepAlive = keepAlive
        self.headOnly = headOnly
    }

    /// Registers work to run once if the client goes away before `finish`.
    public func onClientGone(_ handler: @escaping @LoopActor () -> Void) {
        if isClientGone { handler() } else { goneHandlers.append(handler) }
    }

    /// Sends a complete response with `Content-Length`.
    public func respond(status: HTTPStatus, headers: Headers = Headers(), body: [UInt8]) {
        guard !isStarted else { return }
        isStarted = true
        self.status = status.code
        connection.markResponseStarted()
        var out: [UInt8] = []
        out.reserveCapacity(256 + body.count)
        var headers = headers
        if let late = lateHeader?() { headers.append(name: late.name, value: late.value) }
        ResponseHead(status: status, headers: headers)
            .encode(framing: .contentLength(body.count), keepAlive: keepAlive, requestVersion: requestVersion, into: &out)
        if !headOnly {
            out += body
            bytesWritten += body.count
            if bodyCapture != nil { body.withUnsafeBytes { capture($0) } }
        }
        connection.write(out)
        finishResponse()
    }

    /// Sends the head of a streamed response (chunked on HTTP/1.1, close-delimited on 1.0).
    ///
    /// With `holdingHead` the head waits for the first piece written (`writeNow`, `write`,
    /// `finish`) and goes out with it in one write, or with `flushHead()`. Each write to a
    /// client costs a system call and wakes the client for a few bytes; a caller that holds the
    /// first piece already should send both at once, and must `flushHead()` if it ends up
    /// writing nothing now.
    public func startStream(status: HTTPStatus, headers: Headers = Headers(), holdingHead: Bool = false) {
        guard !isStarted else { return }
        isStarted = true
        self.status = status.code
        connection.markResponseStarted()
        var out: [UInt8] = []
        var headers = headers
        if let late = lateHeader?() { headers.append(name: late.name, value: late.value) }
        let framing = ResponseHead(status: status, headers: headers)
            .encode(framing: .streaming(for: requestVersion), keepAlive: keepAlive,
                    requestVersion: requestVersion, into: &out)
        encoder = ResponseBodyEncoder(framing: framing)
        if holdingHead && !headOnly { heldHead = out } else { connection.write(out) }
    }

    /// Sends a head that `startStream(holdingHead: true)` still holds; nothing otherwise.
    public func flushHead() {
        guard let head = heldHead else { return }
        heldHead = nil
        if !isClientGone { connection.write(head) }
    }

    /// The head of a streamed response not yet written (see `startStream`).
    private var heldHead: [UInt8]?

    /// Sends one piece of a streamed body. Waits while the client reads slower than we write;
    /// returns false once the client is gone, so the caller can stop its upstream.
    @discardableResult
    public func write(_ bytes: [UInt8]) async -> Bool {
        guard writeNow(bytes) else { return false }
        return needsDrain ? await drained() : true
    }

    /// `write` without the wait, for a relay that writes every token: an async call costs
    /// two executor switches even when it does not suspend. Returns false once the client is
    /// gone; when `needsDrain`, the caller must await `drained()` before writing more.
    @discardableResult
    public func writeNow(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { writeNow($0) }
    }

    /// `writeNow` with borrowed bytes (copied only if the kernel does not take them at once).
    @discardableResult
    private func writeNow(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard isStarted, !isFinished, !isClientGone, var encoder, !bytes.isEmpty, !headOnly else { return !isClientGone }
        if encoder.framing == .chunked, heldHead == nil {
            writeChunk(bytes)
        } else {
            var out = heldHead ?? []
            heldHead = nil
            out.reserveCapacity(out.count + bytes.count + 20)
            encoder.encode(bytes, into: &out)
            self.encoder = encoder
            connection.write(out)
        }
        bytesWritten += bytes.count
        if bodyCapture != nil { capture(bytes) }
        return !isClientGone
    }

    private func capture(_ bytes: UnsafeRawBufferPointer) {
        let room = max(0, bodyCaptureLimit - (bodyCapture?.count ?? 0))
        if room > 0 { bodyCapture!.append(contentsOf: bytes.prefix(room)) }
        bodyCaptureOverflow += max(0, bytes.count - room)
    }

    /// More than the high watermark waits to be sent: the client reads slower than we write.
    public var needsDrain: Bool { connection.pendingWriteBytes > ServerConnection.highWatermark }

    /// Waits until the queued bytes drain below the low watermark; false once the client is gone.
    public func drained() async -> Bool {
        await connection.waitForDrain()
        return !isClientGone
    }

    /// One chunk as a gathered write: its size line, the data where it lies, CRLF (and with
    /// `last`, the zero chunk that ends the body).
    private func writeChunk(_ data: UnsafeRawBufferPointer, last: Bool = false) {
        let head = Self.chunkHeader
        let length = ChunkedEncoder.chunkHeader(count: data.count, into: head)
        let tail: StaticString = last ? "\r\n0\r\n\r\n" : "\r\n"
        connection.write(UnsafeRawBufferPointer(rebasing: head[..<length]), data,
                         UnsafeRawBufferPointer(start: tail.utf8Start, count: tail.utf8CodeUnitCount))
    }

    /// Scratch for a chunk's size line, shared: writers run on the loop thread only and the
    /// write copies what the kernel does not take at once. (A closure-scoped temporary here cost
    /// a run-time isolation check per chunk.)
    nonisolated(unsafe) private static let chunkHeader =
        UnsafeMutableRawBufferPointer.allocate(byteCount: ChunkedEncoder.maxHeaderSize, alignment: 1)

    /// Ends a streamed response.
    public func finish() {
        guard isStarted, !isFinished else { return }
        if let encoder, !headOnly {
            var out = heldHead ?? []
            heldHead = nil
            encoder.finish(into: &out)
            if !out.isEmpty && !isClientGone { connection.write(out) }
        }
        finishResponse()
    }

    /// Writes the last piece of a streamed body and ends the response, in one write where the
    /// framing allows: the client is woken once for both. Returns false once the client is gone.
    @discardableResult
    public func finish(after last: [UInt8]) -> Bool {
        guard isStarted, !isFinished, !isClientGone else { return !isClientGone }
        if !last.isEmpty, heldHead == nil, encoder?.framing == .chunked, !headOnly {
            last.withUnsafeBytes { writeChunk($0, last: true) }
            bytesWritten += last.count
            finishResponse()
        } else {
            writeNow(last)
            finish()
        }
        return !isClientGone
    }

    /// Drops the connection at once without ending the response, as a crashed peer would: the
    /// client sees it close before the head or in the middle of the body. For fault injection;
    /// afterwards the writer counts as finished and `write` returns false.
    public func abortConnection() {
        guard !isFinished else { return }
        isStarted = true
        isFinished = true
        isClientGone = true
        goneHandlers.removeAll()
        connection.abortConnection()
    }

    private func finishResponse() {
        isFinished = true
        goneHandlers.removeAll()
        // A close-delimited body ends with the connection; a HEAD answer has none to end.
        connection.responseFinished(closeAfter: !keepAlive || (!headOnly && encoder?.closesConnection ?? false))
    }

    func clientWentAway() {
        guard !isClientGone, !isFinished else { return }
        isClientGone = true
        let handlers = goneHandlers
        goneHandlers.removeAll()
        for handler in handlers { handler() }
    }
}
