import CLibUV
import Glibc
import Loop

// libcurl's callbacks. They run on the loop thread, inside curl_multi_socket_action; none of
// them may call back into the multi handle, so they only record events and arm handles.

/// One socket curl asked us to watch; kept in `UpstreamClient.watches` until curl closes it.
final class SocketWatch {
    let poll: UnsafeMutablePointer<uv_poll_t>
    let fd: curl_socket_t
    unowned(unsafe) let client: UpstreamClient
    /// The libuv events the handle watches now (0: stopped).
    var events: Int32 = 0
    /// curl said CURL_POLL_REMOVE (the connection went idle in its cache) but the handle still
    /// watches for reading: see `curlSocketChanged`.
    var parked = false

    init(fd: curl_socket_t, client: UpstreamClient) {
        self.fd = fd
        self.client = client
        poll = .allocate(capacity: 1)
    }

    /// Stops watching; the handle stays open for the socket's next transfer.
    func stop() {
        uv_poll_stop(poll)
        events = 0
        parked = false
    }

    /// Stops watching for good: the handle is closed and freed in its close callback.
    func close() {
        stop()
        uv_close(sy_handle(poll)) { raw in raw?.deallocate() }
    }
}

// A socket's poll handle lives as long as the socket, not as long as one transfer: curl says
// CURL_POLL_REMOVE whenever a connection goes idle in its cache and asks again when the next
// transfer reuses it, and closing and re-creating the handle each time cost an ioctl, an
// epoll_ctl pair and two allocations per request. The handle is closed when curl closes the
// socket (CURLOPT_CLOSESOCKETFUNCTION). Sockets curl closes without that callback (its
// resolver's socketpair) leave a stopped handle behind, which is harmless: a later socket with
// the same number reuses it, as libuv keys its watchers by descriptor number.
//
// An idle connection stays parked on its read watch rather than being stopped: `uv_poll_start`
// after a stop costs two epoll_ctl calls (libuv re-adds the descriptor, gets EEXIST, modifies),
// and curl stops and restarts the same read watch once per request on a kept-alive connection.
// A parked socket that turns readable (the server closed it, or sent stray bytes) is stopped
// then, without telling curl, which no longer tracks it and finds it dead when it next looks.
let curlSocketChanged: sy_curl_socket_cb = { _, fd, what, clientPointer, _ in
    let client = Unmanaged<UpstreamClient>.fromOpaque(clientPointer!).takeUnretainedValue()
    LoopActor.assumeIsolated((client, fd, what)) { context in
        let (client, fd, what) = context
        if what == CURL_POLL_REMOVE {
            guard let watch = client.watches[fd] else { return }
            if watch.events == Int32(UV_READABLE.rawValue) { watch.parked = true } else { watch.stop() }
            return
        }
        let watch = client.watches[fd] ?? client.openWatch(fd)
        var events: Int32 = 0
        if what == CURL_POLL_IN || what == CURL_POLL_INOUT { events |= Int32(UV_READABLE.rawValue) }
        if what == CURL_POLL_OUT || what == CURL_POLL_INOUT { events |= Int32(UV_WRITABLE.rawValue) }
        watch.parked = false
        guard events != watch.events else { return }
        watch.events = events
        uv_poll_start(watch.poll, events, socketReady)
    }
    return 0
}

let curlSocketClosing: sy_curl_closesocket_cb = { clientPointer, fd in
    let client = Unmanaged<UpstreamClient>.fromOpaque(clientPointer!).takeUnretainedValue()
    LoopActor.assumeIsolated((client, fd)) { $0.0.closeWatch($0.1) }
    return close(fd)
}

private let socketReady: uv_poll_cb = { poll, status, events in
    let watch = Unmanaged<SocketWatch>.fromOpaque(poll!.pointee.data).takeUnretainedValue()
    if watch.parked {
        watch.stop()
        return
    }
    var flags: Int32 = 0
    if status < 0 { flags = CURL_CSELECT_ERR } else {
        if events & Int32(UV_READABLE.rawValue) != 0 { flags |= CURL_CSELECT_IN }
        if events & Int32(UV_WRITABLE.rawValue) != 0 { flags |= CURL_CSELECT_OUT }
    }
    LoopActor.assumeIsolated((watch.client, watch.fd, flags)) { $0.0.runCurl($0.1, $0.2) }
}

let curlTimerChanged: sy_curl_timer_cb = { _, timeoutMs, clientPointer in
    let client = Unmanaged<UpstreamClient>.fromOpaque(clientPointer!).takeUnretainedValue()
    LoopActor.assumeIsolated((client, timeoutMs)) { context in
        let (client, timeoutMs) = context
        if timeoutMs < 0 {
            client.timer.stop()
        } else if !client.timer.restart(after: UInt64(timeoutMs)) {
            // First use; later changes keep this callback (curl moves its timer several times a request).
            client.timer.start(after: UInt64(timeoutMs)) { [unowned client] in client.timerFired() }
        }
    }
    return 0
}

let curlBodyReceived: sy_curl_data_cb = { data, size, count, transferPointer in
    let transfer = Unmanaged<UpstreamTransfer>.fromOpaque(transferPointer!).takeUnretainedValue()
    nonisolated(unsafe) let bytes = UnsafeRawBufferPointer(start: data, count: size * count)
    let keepGoing = LoopActor.assumeIsolated((transfer, bytes)) { $0.0.didReceiveBody($0.1) }
    return keepGoing ? size * count : Int(CURL_WRITEFUNC_PAUSE)
}

let curlHeaderReceived: sy_curl_data_cb = { data, size, count, transferPointer in
    let transfer = Unmanaged<UpstreamTransfer>.fromOpaque(transferPointer!).takeUnretainedValue()
    nonisolated(unsafe) let bytes = UnsafeRawBufferPointer(start: data, count: size * count)
    LoopActor.assumeIsolated((transfer, bytes)) { $0.0.didReceiveHeaderLine($0.1) }
    return size * count
}

extension UpstreamClient {
    func openWatch(_ fd: curl_socket_t) -> SocketWatch {
        let watch = SocketWatch(fd: fd, client: self)
        uv_poll_init_socket(loop.uv, watch.poll, fd)
        watch.poll.pointee.data = Unmanaged.passUnretained(watch).toOpaque()
        watches[fd] = watch
        return watch
    }

    /// Before curl closes `fd`: libuv must stop watching a descriptor while it is still open.
    func closeWatch(_ fd: curl_socket_t) {
        watches.removeValue(forKey: fd)?.close()
    }

    func timerFired() {
        runCurl(CURL_SOCKET_TIMEOUT, 0)
    }

    /// Lets curl act on a socket event (or, with `CURL_SOCKET_TIMEOUT`, on its timer), then
    /// collects the transfers that finished.
    func runCurl(_ fd: curl_socket_t, _ flags: Int32) {
        var running: Int32 = 0
        curl_multi_socket_action(multi, fd, flags, &running)
        drainMessages()
    }
}
