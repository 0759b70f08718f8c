import CLibUV
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// One libuv loop on its own thread, serving as the executor for all loop-owned Swift code.
///
/// Jobs enqueued on the loop thread go into a plain array drained by a `uv_check` handle; a
/// `uv_idle` handle runs while jobs wait so the poll phase does not block. Jobs from other
/// threads go through a locked queue and the single `uv_async` wake-up handle.
public final class EventLoop: SerialExecutor, TaskExecutor, @unchecked Sendable {
    /// The process-wide loop. Started lazily on first use; it runs until the process exits.
    public static let shared = EventLoop(name: "sy-loop")

    /// The libuv loop; only touched from the loop thread once `init` returns.
    public let uv: UnsafeMutablePointer<uv_loop_t>
    private let wake: UnsafeMutablePointer<uv_async_t>
    private let check: UnsafeMutablePointer<uv_check_t>
    private let idle: UnsafeMutablePointer<uv_idle_t>

    // Loop-thread only. Jobs of bulk tasks (`spawn(priority: .low)`: a stream's relay after its
    // first piece) wait in `bulk` while any other job is ready (see `drainLocal`).
    private var local: [UnownedJob] = []
    private var bulk: [UnownedJob] = []
    private var idleActive = false
    // Written once, before any job can be enqueued (publication through `remote`'s lock).
    private var thread = pthread_t()

    private let remote = Mutex<[UnownedJob]>([])

    /// Jobs run since start; tests use it to show work stays on the loop.
    public private(set) var jobsRun: UInt64 = 0

    private let name: String
    private let load: LoopLoad

    init(name: String) {
        self.name = name
        uv = .allocate(capacity: 1)
        uv_loop_init(uv)
        load = LoopLoad(loop: uv)
        wake = .allocate(capacity: 1)
        check = .allocate(capacity: 1)
        idle = .allocate(capacity: 1)
        let me = Unmanaged.passUnretained(self).toOpaque()
        uv.pointee.data = me
        uv_async_init(uv, wake, loopWake)
        uv_check_init(uv, check)
        uv_check_start(check, loopCheck)
        uv_idle_init(uv, idle)
        // Keep-alive for the loop comes from `wake`; check and idle must not hold it open.
        uv_unref(sy_handle(check))
        uv_unref(sy_handle(idle))
        startThread(name: name)
    }

    static func from(_ loop: UnsafeMutablePointer<uv_loop_t>?) -> EventLoop {
        Unmanaged<EventLoop>.fromOpaque(loop!.pointee.data).takeUnretainedValue()
    }

    /// True when the caller runs on this loop's thread.
    @inline(__always)
    public var inLoopThread: Bool { pthread_equal(pthread_self(), thread) != 0 }

    // MARK: Load (loop thread only)

    /// Wall nanoseconds the loop has spent outside its poll wait since start (see `LoopLoad`).
    public var busyNanos: UInt64 { load.busyNanos }

    /// Loop iterations measured since start.
    public var turns: UInt64 { load.turns }

    /// The longest single iteration since the previous call, in nanoseconds; starts a new window.
    public func takeLongestTurnNanos() -> UInt64 { load.takeLongestTurn() }

    // MARK: Executor

    public func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        if inLoopThread {
            if Self.isBulk(unowned.priority) { bulk.append(unowned) } else { local.append(unowned) }
            if !idleActive {
                idleActive = true
                uv_idle_start(idle) { _ in }
            }
        } else {
            remote.withLock { $0.append(unowned) }
            uv_async_send(wake)
        }
    }

    public func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }

    public func checkIsolated() {
        precondition(inLoopThread, "expected to run on the Switchyard loop thread")
    }

    public func isIsolatingCurrentContext() -> Bool? { inLoopThread }

    // MARK: Draining

    fileprivate func drainRemote() {
        let moved = remote.withLock { queue -> [UnownedJob] in
            let q = queue
            queue.removeAll(keepingCapacity: true)
            return q
        }
        local.append(contentsOf: moved)
        drainLocal()
    }

    /// Runs the ready jobs, bulk ones only while no other job is ready: when the loop is
    /// saturated, work that starts requests and delivers first tokens goes ahead of relaying
    /// the next token of streams already under way (which then arrives a little later).
    /// At most 4,096 jobs, or the jobs ready at entry if more, per call; the rest run in the
    /// next loop iteration (the idle handle keeps the poll from blocking meanwhile).
    fileprivate func drainLocal() {
        let trace = load.trace
        let started = trace == nil ? 0 : uv_hrtime()
        let cap = max(4096, local.count + bulk.count)
        var urgentIndex = 0
        var bulkIndex = 0
        let serial = asUnownedSerialExecutor()
        let taskExecutor = asUnownedTaskExecutor()
        while urgentIndex + bulkIndex < cap {
            let job: UnownedJob
            if urgentIndex < local.count {
                job = local[urgentIndex]
                urgentIndex += 1
            } else if bulkIndex < bulk.count {
                job = bulk[bulkIndex]
                bulkIndex += 1
            } else {
                break
            }
            job.runSynchronously(isolatedTo: serial, taskExecutor: taskExecutor)
            jobsRun &+= 1
        }
        local.removeFirst(urgentIndex)
        bulk.removeFirst(bulkIndex)
        if let trace {
            trace.drainNanos &+= uv_hrtime() &- started
            trace.urgentJobs += urgentIndex
            trace.bulkJobs += bulkIndex
            trace.bulkQueued = bulk.count
        }
        if local.isEmpty && bulk.isEmpty && idleActive {
            idleActive = false
            uv_idle_stop(idle)
        }
    }

    /// Jobs of tasks spawned below medium priority (an explicit `.low` or `.background`).
    @inline(__always)
    static func isBulk(_ priority: JobPriority) -> Bool {
        priority.rawValue != 0 && priority.rawValue <= TaskPriority.low.rawValue
    }

    // MARK: Thread

    private func startThread(name: String) {
        let box = Unmanaged.passRetained(self).toOpaque()
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        var created = pthread_t()
        let rc = pthread_create(&created, &attributes, loopThreadMain, box)
        precondition(rc == 0, "pthread_create failed: \(rc)")
        pthread_attr_destroy(&attributes)
        remote.withLock { _ in thread = created }
    }

    fileprivate func run() {
        // Publication of `thread` happens under the lock; reading it once here orders it.
        remote.withLock { _ in }
        sy_thread_set_name(name)
        uv_run(uv, UV_RUN_DEFAULT)
    }
}

private let loopWake: uv_async_cb = { handle in EventLoop.from(handle!.pointee.loop).drainRemote() }
private let loopCheck: uv_check_cb = { handle in EventLoop.from(handle!.pointee.loop).drainLocal() }
private func loopThreadMain(_ raw: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
    Unmanaged<EventLoop>.fromOpaque(raw!).takeRetainedValue().run()
    return nil
}
