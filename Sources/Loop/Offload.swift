import CLibUV

/// Work handed to libuv's thread pool; its completion runs back on the loop thread.
/// `work` runs on a worker, `done` only on the loop: uv_queue_work orders the two.
final class OffloadRequest: @unchecked Sendable {
    let work: @Sendable () -> Void
    var done: (@LoopActor () -> Void)?

    init(work: @escaping @Sendable () -> Void) { self.work = work }
}

extension EventLoop {
    /// Runs blocking or CPU-heavy `work` on a worker thread and resumes on the loop with its result.
    /// The loop itself never waits on disk; this is the way off it.
    @LoopActor
    public func offload<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        let result = ResultBox<T>()
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let request = OffloadRequest { result.value = work() }
            request.done = { continuation.resume() }
            let req = UnsafeMutablePointer<uv_work_t>.allocate(capacity: 1)
            req.pointee.data = Unmanaged.passRetained(request).toOpaque()
            uv_queue_work(uv, req, offloadWork, offloadDone)
        }
        return result.value!
    }
}

/// Carries a worker thread's result to the loop; the uv_work completion orders the accesses.
final class ResultBox<T>: @unchecked Sendable {
    var value: T?
}

// C callbacks are file-level constants, not closures inside isolated methods: Swift would give
// such closures the method's isolation and check it at run time on every call.
private let offloadWork: uv_work_cb = { raw in
    Unmanaged<OffloadRequest>.fromOpaque(raw!.pointee.data).takeUnretainedValue().work()
}

private let offloadDone: uv_after_work_cb = { raw, _ in
    let request = Unmanaged<OffloadRequest>.fromOpaque(raw!.pointee.data).takeRetainedValue()
    raw!.deallocate()
    LoopActor.assumeIsolated(request) { $0.done?() }
}
