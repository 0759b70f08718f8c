import CLibUV

/// How busy the loop thread is: wall time spent outside the poll wait, and its longest turn.
///
/// A `uv_prepare` handle runs once per iteration, just before the poll wait; the time since the
/// previous run, less the time libuv spent waiting in poll meanwhile, is one turn's busy time:
/// callbacks, jobs, and any time the thread sat runnable without a CPU. The longest turn bounds
/// how long a ready event waited for the loop, which is what shows first when the loop nears
/// saturation (a stream's first token, a new connection). Costs two clock reads per iteration.
final class LoopLoad {
    private let prepare: UnsafeMutablePointer<uv_prepare_t>
    private var lastRun: UInt64 = 0
    private var lastIdle: UInt64 = 0
    /// Busy nanoseconds since start.
    private(set) var busyNanos: UInt64 = 0
    /// Iterations measured since start.
    private(set) var turns: UInt64 = 0
    /// The longest turn since `takeLongestTurn()` last ran.
    private var longestTurn: UInt64 = 0
    /// Set when the environment asks for a per-iteration trace (benchmarks).
    let trace = LoopTrace.fromEnvironment()

    /// Starts measuring `loop`; call on the thread that will run it, before `uv_run`.
    init(loop: UnsafeMutablePointer<uv_loop_t>) {
        _ = sy_loop_measure_idle_time(loop)
        prepare = .allocate(capacity: 1)
        uv_prepare_init(loop, prepare)
        prepare.pointee.data = Unmanaged.passUnretained(self).toOpaque()
        uv_prepare_start(prepare, loopLoadTurn)
        // The probe must not keep the loop running on its own.
        uv_unref(sy_handle(prepare))
    }

    fileprivate func turnEnded(now: UInt64, idle: UInt64) {
        defer { lastRun = now; lastIdle = idle }
        guard lastRun != 0 else { return }
        let waited = idle &- lastIdle
        let elapsed = now &- lastRun
        let busy = elapsed > waited ? elapsed - waited : 0
        busyNanos &+= busy
        turns &+= 1
        if busy > longestTurn { longestTurn = busy }
        trace?.turnEnded(now: now, busy: busy)
    }

    /// The longest turn since the previous call, in nanoseconds; starts a new window.
    func takeLongestTurn() -> UInt64 {
        defer { longestTurn = 0 }
        return longestTurn
    }
}

private let loopLoadTurn: uv_prepare_cb = { handle in
    let load = Unmanaged<LoopLoad>.fromOpaque(handle!.pointee.data).takeUnretainedValue()
    load.turnEnded(now: uv_hrtime(), idle: uv_metrics_idle_time(handle!.pointee.loop))
}
