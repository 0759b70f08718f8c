import CLibUV

/// A libuv signal watcher (SIGTERM, SIGINT, SIGHUP) delivered on the loop thread.
@LoopActor
public final class LoopSignal {
    private let handle: UnsafeMutablePointer<uv_signal_t>
    fileprivate var callback: (@LoopActor () -> Void)?

    public init(loop: EventLoop = .shared) {
        handle = .allocate(capacity: 1)
        uv_signal_init(loop.uv, handle)
        handle.pointee.data = Unmanaged.passUnretained(self).toOpaque()
    }

    public func start(signal number: Int32, _ fire: @escaping @LoopActor () -> Void) {
        callback = fire
        uv_signal_start(handle, signalFired, number)
    }

    public func close() {
        guard handle.pointee.data != nil else { return }
        callback = nil
        handle.pointee.data = nil
        uv_close(sy_handle(handle), freeHandle)
    }
}

private let signalFired: uv_signal_cb = { raw, _ in
    guard let data = raw?.pointee.data else { return }
    let signal = Unmanaged<LoopSignal>.fromOpaque(data).takeUnretainedValue()
    LoopActor.assumeIsolated(signal) { $0.callback?() }
}
