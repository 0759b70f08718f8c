import Loop

/// Batches ledger rows on the loop and hands them to a worker thread that commits them.
///
/// `append` only adds to an array: the loop never waits on disk. A batch goes to the worker
/// when it reaches `maxBatchRows` or `commitIntervalMs` after its first row, whichever comes
/// first; so after a crash at most the rows of the last interval (plus the commit in flight)
/// are missing, as long as the worker keeps up (`stats.rowsPending` shows when it does not).
/// `flush` returns once every row appended before it is committed.
@LoopActor
public final class LedgerWriter {
    /// Tuning of the batching; the defaults suit one gateway at tens of thousands of rows/s.
    public struct Options: Sendable {
        /// Longest time a row waits on the loop before it is handed to the worker.
        public var commitIntervalMs: UInt64
        /// A batch this large is handed over at once.
        public var maxBatchRows: Int
        /// Rows the worker may have queued before new batches are dropped (and counted).
        public var maxQueuedRows: Int
        /// Most rows the worker puts in one transaction when batches have piled up.
        public var maxTransactionRows: Int

        public init(
            commitIntervalMs: UInt64 = 200, maxBatchRows: Int = 2_000, maxQueuedRows: Int = 1_000_000,
            maxTransactionRows: Int = 20_000
        ) {
            self.commitIntervalMs = max(1, commitIntervalMs)
            self.maxBatchRows = max(1, maxBatchRows)
            self.maxQueuedRows = max(1, maxQueuedRows)
            self.maxTransactionRows = max(1, maxTransactionRows)
        }
    }

    public let options: Options
    private let worker: LedgerWorker
    private let timer: LoopTimer
    private let watchdog: LoopTimer
    private var pending: [LedgerRow] = []
    private var appended: UInt64 = 0
    private var droppedAfterClose: UInt64 = 0
    private var closed = false
    private var retentionTimer: LoopTimer?
    private let loop: EventLoop

    /// Takes the store over: from here on only the writer's worker thread uses it.
    public init(store: sending any LedgerStore, options: Options = Options(), loop: EventLoop = .shared) {
        self.options = options
        self.loop = loop
        worker = LedgerWorker(store: store, maxQueuedRows: options.maxQueuedRows, maxTransactionRows: options.maxTransactionRows)
        timer = LoopTimer(loop: loop)
        watchdog = LoopTimer(loop: loop)
        pending.reserveCapacity(options.maxBatchRows)
        worker.start()
    }

    /// Records one row; returns at once. Rows appended after `close` are dropped and counted.
    public func append(_ row: LedgerRow) {
        appended &+= 1
        guard !closed else {
            droppedAfterClose &+= 1
            return
        }
        pending.append(row)
        if pending.count >= options.maxBatchRows {
            handOff()
        } else if pending.count == 1 {
            timer.start(after: options.commitIntervalMs) { [weak self] in self?.handOff() }
        }
    }

    /// Returns once every row appended before the call is committed (or given up, see stats).
    public func flush() async {
        handOff()
        await worker.waitCommitted(worker.lastSubmitted)
    }

    /// Flushes until nothing is pending (rows may arrive while a flush waits), then ends the
    /// worker thread; the store is released with it. Appends after this returns are dropped.
    public func close() async {
        guard !closed else { return }
        retentionTimer?.close()
        repeat { await flush() } while !pending.isEmpty
        closed = true
        timer.close()
        watchdog.close()
        worker.stop()
    }

    /// Runs retention on the worker thread in small transactions between commits.
    public func applyRetention(_ policy: RetentionPolicy, nowMs: Int64) async throws(LedgerError) -> RetentionResult {
        try await worker.retain(policy, nowMs: nowMs).get()
    }

    /// Runs `applyRetention` every `everyMs`, the first time after `firstAfterMs` (one
    /// interval when nil), with the wall clock.
    public func scheduleRetention(_ policy: RetentionPolicy, everyMs: UInt64, firstAfterMs: UInt64? = nil) {
        retentionTimer?.close()
        let timer = LoopTimer(loop: loop)
        timer.start(after: firstAfterMs ?? everyMs, repeatEvery: everyMs) { [weak self] in
            guard let self else { return }
            self.loop.spawn { _ = try? await self.applyRetention(policy, nowMs: WallClock.milliseconds()) }
        }
        retentionTimer = timer
    }

    /// A writer dropped without `close` still hands its rows over and lets the thread end.
    isolated deinit {
        if !closed {
            handOff()
            worker.stop()
        }
    }

    public var stats: LedgerWriterStats {
        var stats = worker.stats
        stats.rowsAppended = appended
        stats.rowsPending += UInt64(pending.count)
        stats.rowsDropped += droppedAfterClose
        return stats
    }

    private func handOff() {
        timer.stop()
        guard !pending.isEmpty else { return }
        let batch = pending
        pending = []
        pending.reserveCapacity(options.maxBatchRows)
        _ = worker.submit(batch)
        // A batch still uncommitted this long after its hand-off means the writer (idle
        // class, see WriterPriority) is starved or behind: from then on it runs normally.
        // (The worker, not a weak self: `deinit` hands over too, and no weak reference to a
        // deinitialising object may be formed.)
        watchdog.start(after: Self.watchdogMs) { [worker] in worker.promoteIfBehind() }
    }

    /// Commits take a few milliseconds; this leaves room for them on a busy machine.
    static let watchdogMs: UInt64 = 50
}
