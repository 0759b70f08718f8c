import CLibUV

/// A libuv timer: init, `start(after:)`, `stop()`, `close()`; memory is freed in the close callback.
@LoopActor
public final class LoopTimer {
    private let handle: UnsafeMutablePointer<uv_timer_t>
    fileprivate var callback: (@LoopActor () -> Void)?
    private var closed = false

    public init(loop: EventLoop = .shared) {
        handle = .allocate(capacity: 1)
        uv_timer_init(loop.uv, handle)
        handle.pointee.data = Unmanaged.passUnretained(self).toOpaque()
    }

    /// Arms the timer; a running timer is re-armed. `repeatEvery` 0 means once.
    public func start(after milliseconds: UInt64, repeatEvery: UInt64 = 0,
                      _ fire: @escaping @LoopActor () -> Void) {
        precondition(!closed, "timer used after close")
        callback = fire
        uv_timer_start(handle, timerFired, milliseconds, repeatEvery)
    }

    /// Re-arms once with the callback of the last `start`, with no closure to allocate; returns
    /// false (and does nothing) when there is none yet.
    @discardableResult
    public func restart(after milliseconds: UInt64) -> Bool {
        guard callback != nil, !closed else { return false }
        uv_timer_start(handle, timerFired, milliseconds, 0)
        return true
    }

    public var isActive: Bool { !closed && uv_is_active(sy_handle(handle)) != 0 }

    public func stop() {
        guard !closed else { return }
        uv_timer_stop(handle)
    }

    /// Stops and releases the handle. The Swift object may go away at once: the callback no
    /// longer reaches it because `data` is cleared before the close is queued.
    public func close() {
        guard !closed else { return }
        closed = true
        callback = nil
        handle.pointee.data = nil
        uv_close(sy_handle(handle), freeHandle)
    }

    isolated deinit {
        close()
    }
}

// File-level so Swift does not attach the class's isolation (and a run-time check) to it.
private let timerFired: uv_timer_cb = { raw in
    guard let data = raw?.pointee.data else { return }
    let timer = Unmanaged<LoopTimer>.fromOpaque(data).takeUnretainedValue()
    LoopActor.assumeIsolated(timer) { $0.fire() }
}

extension LoopTimer {
    fileprivate func fire() { callback?() }
}

extension EventLoop {
    /// Suspends the calling loop task for `milliseconds`.
    @LoopActor
    public func sleep(milliseconds: UInt64) async {
        let timer = LoopTimer(loop: self)
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            timer.start(after: milliseconds) { continuation.resume() }
        }
        timer.close()
    }
}
