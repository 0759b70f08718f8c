import CLibUV
import Loop

/// One upstream exchange in flight: the response head and body chunks arrive from curl's
/// callbacks or from a native connection's reads, and are awaited by one consumer task.
///
/// Invariant: at most one continuation waits at a time (one consumer per transfer), and it is
/// resumed exactly once, by data, completion, failure or cancellation.
@LoopActor
public final class UpstreamTransfer {
    enum State { case running, finished, failed(UpstreamError) }

    let client: UpstreamClient
    /// The transport: a curl easy handle, or a native connection (one of them while running).
    var easy: UnsafeMutableRawPointer?
    var connection: UpstreamConnection?
    /// Native transport: the request's bytes, kept until the first answer byte in case a
    /// reused connection turns out dead and the request must go again.
    var nativeRequest: (head: [UInt8], body: [UInt8])?
    var isHeadRequest = false
    /// Native transport: waiting for the origin's name to be looked up (no connection yet).
    var awaitingAddress = false
    /// Native transport: the origin's addresses this connect has tried (refused ones fall through).
    var addressesTried = 0
    private var retriedStale = false
    var headerList: UnsafeMutablePointer<curl_slist>?
    var body: UnsafeMutableRawBufferPointer?
    let timeouts: UpstreamTimeouts
    /// An event stream: its idle deadline starts at the first body byte, not at the head.
    let streaming: Bool
    let startedAt: UInt64
    /// Loop time (ms) at start, the origin of the connect, first-byte and total deadlines.
    let startedMs: UInt64
    var connected = false
    /// Loop time (ms) the current connection attempt started: the connect deadline's origin.
    var connectStartedMs: UInt64
    /// When the deadline timer is due (loop ms); nil when it is not armed.
    var armedAt: UInt64?
    var state = State.running
    var status = 0
    var headerBlock: [UInt8] = []
    var headComplete = false
    var chunks: [[UInt8]] = []
    var bufferedBytes = 0
    var paused = false
    var waiter: UnsafeContinuation<Void, Never>?
    let deadline: LoopTimer
    /// Loop time (ms) of the latest byte. The idle deadline reads it when it fires rather than
    /// being re-armed for every chunk (a timer restart and a closure per chunk otherwise).
    var lastDataMs: UInt64 = 0

    /// Time to first byte, once it arrived (nanoseconds).
    public private(set) var firstByteNanos: UInt64?
    /// When the first body byte arrived (`EventLoop.hrtime()`): a stream's first token, which a
    /// reasoning model sends long after its head.
    public private(set) var firstBodyAt: UInt64?

    init(client: UpstreamClient, timeouts: UpstreamTimeouts, streaming: Bool = false) {
        self.client = client
        self.timeouts = timeouts
        self.streaming = streaming
        self.startedAt = EventLoop.hrtime()
        self.startedMs = client.loop.now
        self.connectStartedMs = startedMs
        self.deadline = LoopTimer(loop: client.loop)
    }

    /// Waits for the status line and headers.
    public func head() async throws(UpstreamError) -> UpstreamResponseHead {
        while !headComplete {
            if case .failed(let error) = state { throw error }
            if case .finished = state { break }
            await wait()
        }
        if case .failed(let error) = state, !headComplete { throw error }
        return UpstreamResponseHead(status: status, block: headerBlock)
    }

    /// True when `next()` would return at once: a piece is buffered, or the body ended or failed.
    public var isNextReady: Bool {
        if case .running = state { return !chunks.isEmpty }
        return true
    }

    /// The next piece of the body, or `nil` at its end. Pieces buffered since the last call
    /// come back joined, so a slow consumer costs fewer wake-ups.
    public func next() async throws(UpstreamError) -> [UInt8]? {
        while chunks.isEmpty {
            switch state {
            case .failed(let error): throw error
            case .finished: return nil
            case .running: await wait()
            }
        }
        var out: [UInt8]
        if chunks.count == 1 {
            out = chunks[0]
        } else {
            out = []
            out.reserveCapacity(bufferedBytes)
            for chunk in chunks { out += chunk }
        }
        chunks.removeAll(keepingCapacity: true)
        bufferedBytes = 0
        if paused {
            paused = false
            if let easy { curl_easy_pause(easy, CURLPAUSE_CONT) } else { connection?.resume() }
        }
        return out
    }

    /// Reads the whole body (for non-streaming responses).
    public func collect(limit: Int = 64 << 20) async throws(UpstreamError) -> [UInt8] {
        var all: [UInt8] = []
        while let piece = try await next() {
            all += piece
            if all.count > limit { cancel(); throw UpstreamError(.other, "response larger than \(limit) bytes") }
        }
        return all
    }

    /// Stops the transfer at once: the connection is dropped, no more bytes are read.
    public func cancel() {
        guard case .running = state else { return }
        fail(UpstreamError(.canceled))
    }

    /// Unchecked: the invariant above (one waiter, resumed once) is kept by `wake`, which
    /// clears `waiter` before resuming; the checked kind costs an object per wait.
    private func wait() async {
        await withUnsafeContinuation { waiter = $0 }
    }

    func wake() {
        if let waiter {
            self.waiter = nil
            waiter.resume()
        }
    }

    // MARK: Events from curl (loop thread, inside curl callbacks: never re-enter curl here)

    func didReceiveHeaderLine(_ line: UnsafeRawBufferPointer) {
        noteFirstByte()
        let count = line.count
        if count >= 12, line[0] == UInt8(ascii: "H"), line[1] == UInt8(ascii: "T"), line[2] == UInt8(ascii: "T"),
           line[3] == UInt8(ascii: "P"), line[4] == UInt8(ascii: "/") {
            // Status line; a later one (after a 1xx) replaces the earlier block.
            var index = 5
            while index < count && line[index] != 32 { index += 1 }
            var code = 0
            index += 1
            while index < count, line[index] >= 48, line[index] <= 57 { code = code * 10 + Int(line[index] - 48); index += 1 }
            status = code
            headerBlock.removeAll(keepingCapacity: true)
        } else if count <= 2 && (count == 0 || line[0] == 13 || line[0] == 10) {
            // A blank line ends a header block; 1xx blocks are interim and another follows.
            if status >= 200 { headComplete = true; wake() }
        } else {
            headerBlock.append(contentsOf: line)
        }
    }

    // MARK: Events from a native connection

    /// The final head, parsed whole (interim 1xx heads never get here).
    func didReceiveHead(status: Int, block: [UInt8]) {
        noteFirstByte()
        self.status = status
        headerBlock = block
        headComplete = true
        wake()
    }

    func didConnect() {
        connected = true
    }

    /// Whether a request that met a dead kept-alive connection may go once more (only once).
    func retryOnFreshConnection() -> Bool {
        guard !retriedStale, nativeRequest != nil, case .running = state else { return false }
        retriedStale = true
        // The new connection's connect gets the whole connect deadline from now.
        connected = false
        connectStartedMs = client.loop.now
        armDeadlines()
        return true
    }

    /// Returns false to ask the transport to pause this transfer (the consumer is behind).
    func didReceiveBody(_ bytes: UnsafeRawBufferPointer) -> Bool {
        noteFirstByte()
        lastDataMs = client.loop.now
        if firstBodyAt == nil {
            firstBodyAt = EventLoop.hrtime()
            if streaming { armDeadlines() }
        }
        if !headComplete { headComplete = true }
        chunks.append(Array(bytes))
        bufferedBytes += bytes.count
        wake()
        if bufferedBytes > 1 << 20 { paused = true; return false }
        return true
    }

    // A stream's head comes at once, and a reasoning model then thinks in silence before its
    // first token: OpenAI's chat completions and Gemini send nothing meanwhile, for minutes at a
    // high effort. That wait is the model working, not a stall, so a stream's idle deadline
    // starts at its first body byte (the total deadline still bounds it); a whole answer's body
    // follows its head at once, and the idle deadline starts at the head.
    private func noteFirstByte() {
        if firstByteNanos == nil {
            firstByteNanos = EventLoop.hrtime() - startedAt
            lastDataMs = client.loop.now
            nativeRequest = nil
            releaseBodyIfSent()
            if !streaming { armDeadlines() }
        }
    }

    /// Frees the request body once curl has sent all of it, so that a long stream does not
    /// keep its prompt. curl re-sends a body only on a reused connection that died before
    /// answering, so after the first answer byte it needs the body only while an upload is
    /// still under way (a large body answered early, by a 413 say): then it stays until the end.
    private func releaseBodyIfSent() {
        guard let body, let easy else { return }
        var sent = 0  // curl_off_t is a long on the 64-bit platforms we build for
        sy_easy_getinfo_long(easy, CURLINFO_SIZE_UPLOAD_T, &sent)
        guard sent >= body.count else { return }
        body.deallocate()
        self.body = nil
    }

    func finish(_ result: UpstreamError?) {
        guard case .running = state else { return }
        if let result { state = .failed(result) } else { state = .finished; headComplete = true }
        release()
    }

    func fail(_ error: UpstreamError) {
        guard case .running = state else { return }
        state = .failed(error)
        client.detach(self)
        release()
    }

    private func release() {
        deadline.close()
        if let headerList { curl_slist_free_all(headerList); self.headerList = nil }
        if let body { body.deallocate(); self.body = nil }
        nativeRequest = nil
        wake()
    }
}

extension Substring {
    func trimmingWhitespace() -> String {
        var s = self
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
}
