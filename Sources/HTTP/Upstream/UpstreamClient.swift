import CLibUV
import Glibc
import Loop

/// The upstream HTTP client: plain-HTTP upstreams go over the loop's own connections
/// (`UpstreamClient+Native.swift` says why); everything else through one libcurl multi handle
/// driven by the loop (curl's socket callback feeds `uv_poll` handles, its timer callback a
/// `uv_timer`), with pooled easy handles.
@LoopActor
public final class UpstreamClient {
    nonisolated let loop: EventLoop
    nonisolated(unsafe) let multi: UnsafeMutableRawPointer
    let timer: LoopTimer
    private var idleEasy: [UnsafeMutableRawPointer] = []
    /// Both freed in `deinit`, after the last transfer (each holds the client) has ended.
    private nonisolated(unsafe) var headerLists = HeaderListCache()
    private nonisolated(unsafe) var urlHandles = URLHandleCache()
    /// Poll handles of the sockets curl has open, by descriptor.
    var watches: [curl_socket_t: SocketWatch] = [:]
    var active = 0
    /// Transfers completed since start.
    public internal(set) var completed = 0
    /// Host name lookups started since start.
    public internal(set) var lookups = 0
    /// Native connections parked for reuse now.
    public internal(set) var parkedConnections = 0
    /// Whether plain-HTTP upstreams go over native connections rather than curl.
    public let nativeHTTP: Bool
    var nativeTargets = NativeTargetCache()
    /// Native connections parked for reuse at most; past it a finished one closes. Parking and
    /// taking are O(1), so the pool can cover peak concurrency.
    let idleConnections: Int
    /// curl's share of the same: a curl transfer started while this many are in flight closes
    /// its connection when it ends (see `send` for why curl's pool must stay small).
    let curlIdleConnections: Int
    /// curl searches its pool linearly, so it keeps no more than this many idle, whatever the
    /// configuration asks.
    static let curlIdleCap = 512

    /// - Parameters:
    ///   - idleConnections: connections kept for reuse once transfers end (curl keeps at most
    ///     `curlIdleCap` of them; see `send`).
    ///   - maxConnections: curl's connection cache size, busy connections included; above it
    ///     curl closes the oldest idle connection after every transfer, searching all of them.
    ///   - nativeHTTP: carry plain-HTTP upstreams natively (curl when false, or
    ///     when a proxy variable is set, which curl honours).
    public init(loop: EventLoop = .shared, idleConnections: Int = 8192, maxConnections: Int = 8192, nativeHTTP: Bool = true) {
        self.loop = loop
        self.nativeHTTP = nativeHTTP && !Self.proxyFromEnvironment
        self.idleConnections = idleConnections
        self.curlIdleConnections = min(idleConnections, Self.curlIdleCap)
        curl_global_init(Int(CURL_GLOBAL_DEFAULT))
        multi = curl_multi_init()
        timer = LoopTimer(loop: loop)
        let me = Unmanaged.passUnretained(self).toOpaque()
        sy_multi_setopt_socket_cb(multi, curlSocketChanged)
        sy_multi_setopt_ptr(multi, CURLMOPT_SOCKETDATA, me)
        sy_multi_setopt_timer_cb(multi, curlTimerChanged)
        sy_multi_setopt_ptr(multi, CURLMOPT_TIMERDATA, me)
        sy_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, maxConnections)
    }

    // Isolated: it stops the poll handles of the sockets curl still holds (idle connections),
    // whose callbacks would otherwise find this client and its watches gone when a peer closes.
    isolated deinit {
        for watch in watches.values { watch.close() }
        for origin in nativeTargets.allOrigins {
            for connection in origin.idle { connection.close() }
            origin.idle.removeAll()
        }
        headerLists.removeAll()
        urlHandles.removeAll()
    }

    /// Starts `request`; its response is read from the returned transfer.
    public func send(_ request: UpstreamRequest) -> UpstreamTransfer {
        let transfer = UpstreamTransfer(client: self, timeouts: request.timeouts, streaming: request.streaming)
        if nativeHTTP, let target = nativeTargets.target(for: request.url, client: self) {
            sendNative(request, to: target, transfer: transfer)
            return transfer
        }
        let easy = idleEasy.popLast() ?? curl_easy_init()!
        configure(easy, for: request, transfer: transfer)
        // curl looks for an idle connection by walking every connection it holds to the host,
        // in use or not, a cache miss or two each: with 5,000 streams open that walk was a fifth
        // of the loop's time while streams arrived, and found nothing. When every open upstream
        // socket carries a transfer there is no idle connection anywhere, so curl is told to
        // connect at once (the new connection is pooled as usual). At worst a transfer still
        // opening its socket hides one idle connection, and a connection more is opened.
        if watches.count <= active { sy_easy_setopt_long(easy, CURLOPT_FRESH_CONNECT, 1) }
        // That search also makes a large idle pool costly: after a burst of 5,000 streams left
        // 5,000 connections idle, the next burst's stream k walked k busy ones first (+80 to
        // +120 ms TTFT p99), and curl's once-a-second check of idle connections polled every
        // one of them. So the pool keeps only the connections of transfers started below
        // `curlIdleConnections` in flight; the others close when their transfer ends, found by
        // nothing (curl's own cap, CURLMOPT_MAXCONNECTS, would search for the oldest idle one).
        if active >= curlIdleConnections { sy_easy_setopt_long(easy, CURLOPT_FORBID_REUSE, 1) }
        transfer.easy = easy
        sy_easy_setopt_ptr(easy, CURLOPT_PRIVATE, Unmanaged.passRetained(transfer).toOpaque())
        transfer.armDeadlines()
        let rc = curl_multi_add_handle(multi, easy)
        if rc != CURLM_OK {
            transfer.easy = nil
            Unmanaged.passUnretained(transfer).release()
            recycle(easy)
            transfer.finish(UpstreamError(.invalidRequest, String(cString: curl_multi_strerror(rc))))
        } else {
            active += 1
            // curl starts the transfer from its timer (it asks for one of 0 ms), i.e. in the
            // next loop iteration; when the loop is busy that is one iteration of every other
            // stream's work before the request even leaves. Run curl's due work now instead:
            // the request goes out (or its connect starts) before this job ends.
            timerFired()
        }
        return transfer
    }

    private func configure(_ easy: UnsafeMutableRawPointer, for request: UpstreamRequest, transfer: UpstreamTransfer) {
        let me = Unmanaged.passUnretained(transfer).toOpaque()
        if let url = urlHandles.handle(for: request.url) {
            sy_easy_setopt_ptr(easy, CURLOPT_CURLU, UnsafeRawPointer(url))
        } else {
            sy_easy_setopt_ptr(easy, CURLOPT_URL, request.url)
        }
        sy_easy_setopt_long(easy, CURLOPT_NOSIGNAL, 1)
        sy_easy_setopt_long(easy, CURLOPT_TCP_NODELAY, 1)
        // curl's default 16 KiB receive buffer per transfer dominated memory per open stream;
        // SSE events are a few hundred bytes (curl's minimum, 1 KiB, holds the largest usual
        // one, Anthropic's message_start), and whole answers arrive fine in 8 KiB reads.
        sy_easy_setopt_long(easy, CURLOPT_BUFFERSIZE, request.streaming ? 1_024 : 8_192)
        sy_easy_setopt_long(easy, CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_1_1)
        if !Self.proxyFromEnvironment {
            // Without a proxy variable at start there is nothing for curl to find, but it would
            // read six variables (getenv scans the whole environment) on every transfer.
            sy_easy_setopt_ptr(easy, CURLOPT_PROXY, "")
        }
        sy_easy_setopt_long(easy, CURLOPT_CONNECTTIMEOUT_MS, Int(request.timeouts.connectMs))
        sy_easy_setopt_long(easy, CURLOPT_TIMEOUT_MS, Int(request.timeouts.totalMs))
        sy_easy_setopt_data_cb(easy, CURLOPT_WRITEFUNCTION, curlBodyReceived)
        sy_easy_setopt_ptr(easy, CURLOPT_WRITEDATA, me)
        sy_easy_setopt_data_cb(easy, CURLOPT_HEADERFUNCTION, curlHeaderReceived)
        sy_easy_setopt_closesocket_cb(easy, curlSocketClosing)
        sy_easy_setopt_ptr(easy, CURLOPT_CLOSESOCKETDATA, Unmanaged.passUnretained(self).toOpaque())
        sy_easy_setopt_ptr(easy, CURLOPT_HEADERDATA, me)
        let (list, owned) = headerLists.list(for: request.headers)
        if owned { transfer.headerList = list }
        sy_easy_setopt_ptr(easy, CURLOPT_HTTPHEADER, list)
        if request.method == "GET" {
            sy_easy_setopt_long(easy, CURLOPT_HTTPGET, 1)
        } else {
            let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: max(request.body.count, 1), alignment: 1)
            request.body.withUnsafeBytes { copy.copyMemory(from: $0) }
            transfer.body = copy
            sy_easy_setopt_long(easy, CURLOPT_POST, 1)
            sy_easy_setopt_ptr(easy, CURLOPT_POSTFIELDS, copy.baseAddress)
            sy_easy_setopt_long(easy, CURLOPT_POSTFIELDSIZE, request.body.count)
            if request.method != "POST" { sy_easy_setopt_ptr(easy, CURLOPT_CUSTOMREQUEST, request.method) }
        }
    }

    /// Whether a proxy variable curl honours was set when the process started.
    nonisolated static let proxyFromEnvironment: Bool = {
        let names = ["http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"]
        return names.contains { getenv($0) != nil }
    }()

    /// Takes a transfer out of the multi handle before curl finished it (cancel, our timeouts).
    /// Never called from inside a curl callback.
    func detach(_ transfer: UpstreamTransfer) {
        if let connection = transfer.connection {
            connection.abandon()
            active -= 1
            return
        }
        if transfer.awaitingAddress {
            transfer.awaitingAddress = false  // the lookup's answer skips it
            active -= 1
            return
        }
        guard let easy = transfer.easy else { return }
        transfer.easy = nil
        curl_multi_remove_handle(multi, easy)
        Unmanaged.passUnretained(transfer).release()
        active -= 1
        recycle(easy)
    }

    private func recycle(_ easy: UnsafeMutableRawPointer) {
        curl_easy_reset(easy)
        if idleEasy.count < 1024 { idleEasy.append(easy) } else { curl_easy_cleanup(easy) }
    }

    /// Collects finished transfers after curl has run; safe point to remove handles.
    func drainMessages() {
        var pending: Int32 = 0
        while let message = curl_multi_info_read(multi, &pending) {
            guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle else { continue }
            let result = sy_msg_result(message)
            var raw: UnsafeMutableRawPointer?
            sy_easy_getinfo_ptr(easy, CURLINFO_PRIVATE, &raw)
            curl_multi_remove_handle(multi, easy)
            active -= 1
            completed += 1
            guard let raw else { recycle(easy); continue }
            let transfer = Unmanaged<UpstreamTransfer>.fromOpaque(raw).takeRetainedValue()
            transfer.easy = nil
            let error = result == CURLE_OK ? nil : Self.classify(result, easy: easy, transfer: transfer)
            recycle(easy)
            transfer.finish(error)
        }
    }

    private static func classify(_ code: CURLcode, easy: UnsafeMutableRawPointer, transfer: UpstreamTransfer) -> UpstreamError {
        let text = String(cString: curl_easy_strerror(code))
        switch code {
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            return UpstreamError(.connect, text)
        case CURLE_OPERATION_TIMEDOUT:
            var connectTime: Int = 0
            _ = withUnsafeMutablePointer(to: &connectTime) { sy_easy_getinfo_long(easy, CURLINFO_CONNECT_TIME_T, $0) }
            return UpstreamError(connectTime == 0 && transfer.firstByteNanos == nil ? .connectTimeout : .totalTimeout, text)
        case CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE:
            return UpstreamError(.reset, text)
        default:
            return UpstreamError(.other, text)
        }
    }

    /// Open sockets curl watches plus parked native connections: with nothing in flight, the
    /// connections kept for reuse.
    var idleOrWatchedConnections: Int { watches.count + parkedConnections }

    /// Transfers in flight.
    public var inFlight: Int { active }
}
