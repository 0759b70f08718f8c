import CLibUV
import Dispatch
import Loop
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The writer's worker: one long-lived thread with its own store connection; each time it
/// wakes it commits every batch queued so far in one transaction (group commit).
///
/// Not libuv's thread pool: a commit can take milliseconds and the pool is shared with DNS
/// and file work, and one thread keeps rows in order on one connection. Batches carry
/// sequence numbers; `flush` waits for a number and is resumed from this thread, which hands
/// the continuation back to the loop through the loop's wake-up handle.
final class LedgerWorker: @unchecked Sendable {
    // Invariant: `store` and `active` are touched only by the worker thread once `start` ran.
    private let store: any LedgerStore
    private var active: [RetentionJob] = []
    private let state: Mutex<State>
    private let wake = DispatchSemaphore(value: 0)
    private let maxQueuedRows: Int
    private let maxTransactionRows: Int

    struct RetentionJob {
        let policy: RetentionPolicy
        let nowMs: Int64
        var result = RetentionResult()
        let done: CheckedContinuation<Result<RetentionResult, LedgerError>, Never>
    }

    private struct State {
        var queue: [(sequence: UInt64, rows: [LedgerRow])] = []
        var queuedRows = 0
        var submitted: UInt64 = 0
        var committed: UInt64 = 0
        var waiters: [(sequence: UInt64, continuation: CheckedContinuation<Void, Never>)] = []
        var retention: [RetentionJob] = []
        var stopping = false
        var stats = LedgerWriterStats()
        var priority = WriterPriority()

        /// A batch handed over and not yet committed means the writer is starved or behind.
        mutating func promoteIfBehind() {
            if committed < submitted { priority.promote() }
        }
    }

    init(store: sending any LedgerStore, maxQueuedRows: Int, maxTransactionRows: Int) {
        self.store = store
        self.maxQueuedRows = maxQueuedRows
        self.maxTransactionRows = maxTransactionRows
        state = Mutex(State())
    }

    func start() {
        var thread = pthread_t()
        let box = Unmanaged.passRetained(self).toOpaque()
        let rc = pthread_create(&thread, nil, workerMain, box)
        precondition(rc == 0, "pthread_create failed: \(rc)")
        pthread_detach(thread)
    }

    /// Queues a batch and returns its sequence number; a batch over the queue bound is dropped
    /// (counted) so a stalled disk cannot exhaust memory.
    func submit(_ batch: [LedgerRow]) -> UInt64 {
        let sequence = state.withLock { s -> UInt64 in
            guard s.queuedRows + batch.count <= maxQueuedRows, !s.stopping else {
                s.stats.rowsDropped += UInt64(batch.count)
                return s.submitted
            }
            s.promoteIfBehind()  // the previous batch is still uncommitted at the next hand-off
            s.submitted += 1
            s.queue.append((s.submitted, batch))
            s.queuedRows += batch.count
            return s.submitted
        }
        wake.signal()
        return sequence
    }

    var lastSubmitted: UInt64 { state.withLock { $0.submitted } }

    /// Moves the thread back to normal scheduling when a batch handed over is still not
    /// committed; the loop asks shortly after each hand-off.
    func promoteIfBehind() {
        state.withLock { $0.promoteIfBehind() }
    }

    /// Suspends until every batch up to `sequence` is committed (or given up).
    func waitCommitted(_ sequence: UInt64) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let ready = state.withLock { s -> Bool in
                if s.committed >= sequence { return true }
                s.waiters.append((sequence, continuation))
                return false
            }
            if ready { continuation.resume() }
        }
    }

    func retain(_ policy: RetentionPolicy, nowMs: Int64) async -> Result<RetentionResult, LedgerError> {
        await withCheckedContinuation { continuation in
            let accepted = state.withLock { s -> Bool in
                guard !s.stopping else { return false }
                s.retention.append(RetentionJob(policy: policy, nowMs: nowMs, done: continuation))
                return true
            }
            if accepted { wake.signal() } else { continuation.resume(returning: .failure(LedgerError(.closed, "writer closed"))) }
        }
    }

    /// Lets the thread end once everything queued is committed; later submits are dropped.
    func stop() {
        state.withLock { $0.stopping = true }
        wake.signal()
    }

    var stats: LedgerWriterStats {
        state.withLock { s in
            var out = s.stats
            out.rowsPending = UInt64(s.queuedRows)
            out.writerIdle = s.priority.idle
            out.writerPromotions = s.priority.promotions
            return out
        }
    }

    // MARK: Worker thread

    fileprivate func run() {
        sy_thread_set_name("sy-ledger")
        // Commits are batched and may wait; the loop's requests may not. Nice 10 is the
        // writer's weight when it runs as a normal thread; mostly it runs idle (WriterPriority).
        _ = sy_thread_set_nice(10)
        state.withLock { $0.priority.start() }
        while true {
            wake.wait()
            while true {
                let (batches, upTo, jobs, stopping) = state.withLock { s in
                    // Everything queued, up to a bound that keeps one commit (and a flush
                    // waiting behind it) short when the worker has fallen behind.
                    var count = 0
                    var rows = 0
                    while count < s.queue.count, count == 0 || rows + s.queue[count].rows.count <= maxTransactionRows {
                        rows += s.queue[count].rows.count
                        count += 1
                    }
                    let taken = s.queue.prefix(count).map(\.rows)
                    let upTo = count > 0 ? s.queue[count - 1].sequence : s.committed
                    s.queue.removeFirst(count)
                    let jobs = s.retention
                    s.retention.removeAll()
                    if count == 0 && jobs.isEmpty { s.priority.demote() }
                    return (taken, upTo, jobs, s.stopping)
                }
                active += jobs
                if !batches.isEmpty { commit(batches, upTo: upTo) }
                if !active.isEmpty { retentionStep() }
                if batches.isEmpty && active.isEmpty {
                    if stopping { return }
                    break
                }
            }
        }
    }

    private func commit(_ batches: [[LedgerRow]], upTo sequence: UInt64) {
        let rows = batches.reduce(0) { $0 + $1.count }
        var failures = 0
        var committed = false
        let start = EventLoop.hrtime()
        while !committed && failures < 5 {
            do {
                try store.append(batches: batches)
                committed = true
            } catch {
                failures += 1
                state.withLock {
                    $0.stats.commitErrors += 1
                    $0.stats.lastError = error
                }
                if failures < 5 { usleep(UInt32(20_000 << failures)) }
            }
        }
        let elapsed = EventLoop.hrtime() - start
        let ready = state.withLock { s -> [CheckedContinuation<Void, Never>] in
            s.queuedRows -= rows
            if committed {
                s.stats.rowsCommitted += UInt64(rows)
                s.stats.batches += 1
                s.stats.lastCommitNanos = elapsed
            } else {
                s.stats.rowsDropped += UInt64(rows)
            }
            s.committed = sequence
            var ready: [CheckedContinuation<Void, Never>] = []
            s.waiters.removeAll { waiter in
                guard waiter.sequence <= sequence else { return false }
                ready.append(waiter.continuation)
                return true
            }
            return ready
        }
        for continuation in ready { continuation.resume() }
    }

    /// One step of the oldest retention job, so commits never wait behind a whole run.
    private func retentionStep() {
        var job = active[0]
        do {
            try store.retentionStep(job.policy, nowMs: job.nowMs, into: &job.result)
            if job.result.done {
                active.removeFirst()
                job.done.resume(returning: .success(job.result))
            } else {
                active[0] = job
            }
        } catch {
            active.removeFirst()
            job.done.resume(returning: .failure(error))
        }
    }
}

private func workerMain(_ raw: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
    Unmanaged<LedgerWorker>.fromOpaque(raw!).takeRetainedValue().run()
    return nil
}

