import CLibUV
import Loop

// libcurl's callbacks. They run on the loop thread, inside curl_multi_socket_action; none of
// them may call back into the multi handle, so they only record events and arm handles.

/// One socket curl asked us to watch.
final class SocketWatch {
    let poll: UnsafeMutablePointer<uv_poll_t>
    let fd: curl_socket_t
    unowned(unsafe) let client: UpstreamClient

    init(fd: curl_socket_t, client: UpstreamClient) {
        self.fd = fd
        self.client = client
        poll = .allocate(capacity: 1)
    }
}

let curlSocketChanged: sy_curl_socket_cb = { _, fd, what, clientPointer, watchPointer in
    let client = Unmanaged<UpstreamClient>.fromOpaque(clientPointer!).takeUnretainedValue()
    if what == CURL_POLL_REMOVE {
        if let watchPointer {
            let watch = Unmanaged<SocketWatch>.fromOpaque(watchPointer).takeRetainedValue()
            uv_poll_stop(watch.poll)
            uv_close(sy_handle(watch.poll)) { raw in raw?.deallocate() }
            curl_multi_assign(client.multiHandle, fd, nil)
        }
        return 0
    }
    let watch: SocketWatch
    if let watchPointer {
        watch = Unmanaged<SocketWatch>.fromOpaque(watchPointer).takeUnretainedValue()
    } else {
        watch = SocketWatch(fd: fd, client: client)
        uv_poll_init_socket(client.loopHandle, watch.poll, fd)
        let raw = Unmanaged.passRetained(watch).toOpaque()
        watch.poll.pointee.data = raw
        curl_multi_assign(client.multiHandle, fd, raw)
    }
    var events: Int32 = 0
    if what == CURL_POLL_IN || what == CURL_POLL_INOUT { events |= Int32(UV_READABLE.rawValue) }
    if what == CURL_POLL_OUT || what == CURL_POLL_INOUT { events |= Int32(UV_WRITABLE.rawValue) }
    uv_poll_start(watch.poll, events, socketReady)
    return 0
}

private let socketReady: uv_poll_cb = { poll, status, events in
    let watch = Unmanaged<SocketWatch>.fromOpaque(poll!.pointee.data).takeUnretainedValue()
    var flags: Int32 = 0
    if status < 0 { flags = CURL_CSELECT_ERR } else {
        if events & Int32(UV_READABLE.rawValue) != 0 { flags |= CURL_CSELECT_IN }
        if events & Int32(UV_WRITABLE.rawValue) != 0 { flags |= CURL_CSELECT_OUT }
    }
    let client = watch.client
    var running: Int32 = 0
    curl_multi_socket_action(client.multiHandle, watch.fd, flags, &running)
    LoopActor.assumeIsolated { client.drainMessages() }
}

let curlTimerChanged: sy_curl_timer_cb = { _, timeoutMs, clientPointer in
    let client = Unmanaged<UpstreamClient>.fromOpaque(clientPointer!).takeUnretainedValue()
    LoopActor.assumeIsolated {
        if timeoutMs < 0 {
            client.timer.stop()
        } else {
            client.timer.start(after: UInt64(timeoutMs)) { [unowned client] in client.timerFired() }
        }
    }
    return 0
}

let curlBodyReceived: sy_curl_data_cb = { data, size, count, transferPointer in
    let transfer = Unmanaged<UpstreamTransfer>.fromOpaque(transferPointer!).takeUnretainedValue()
    nonisolated(unsafe) let bytes = UnsafeRawBufferPointer(start: data, count: size * count)
    let keepGoing = LoopActor.assumeIsolated { transfer.didReceiveBody(bytes) }
    return keepGoing ? size * count : Int(CURL_WRITEFUNC_PAUSE)
}

let curlHeaderReceived: sy_curl_data_cb = { data, size, count, transferPointer in
    let transfer = Unmanaged<UpstreamTransfer>.fromOpaque(transferPointer!).takeUnretainedValue()
    nonisolated(unsafe) let bytes = UnsafeRawBufferPointer(start: data, count: size * count)
    LoopActor.assumeIsolated { transfer.didReceiveHeaderLine(bytes) }
    return size * count
}

extension UpstreamClient {
    nonisolated var multiHandle: UnsafeMutableRawPointer { multi }
    nonisolated var loopHandle: UnsafeMutablePointer<uv_loop_t> { loop.uv }

    func timerFired() {
        var running: Int32 = 0
        curl_multi_socket_action(multi, CURL_SOCKET_TIMEOUT, 0, &running)
        drainMessages()
    }
}
