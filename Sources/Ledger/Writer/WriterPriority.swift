import CLibUV

/// The writer thread's scheduling class: SCHED_IDLE while it keeps up, normal (at nice 10)
/// from the moment a batch has to wait for it until it has caught up again.
///
/// Idle, the writer never delays a thread that wakes on its core: the loop, and on a small
/// machine whatever else serves the traffic (bench/README.md, "Ledger under load"). But an
/// idle thread gets almost no CPU while the cores are busy, so the loop promotes it as soon
/// as a handed-over batch finds the previous one still untaken; the rows then wait at most
/// about one more hand-off, and nothing piles up until rows are dropped. Kept under the
/// worker's lock: a promotion and a demotion must not cross, or the thread could stay idle
/// with nobody left to promote it.
struct WriterPriority {
    private var thread: Int32 = 0
    /// False where the kernel would not let the thread leave SCHED_IDLE again (no
    /// CAP_SYS_NICE and no RLIMIT_NICE room): the thread then stays normal at nice 10.
    private(set) var usable = false
    private(set) var idle = false
    /// Times the loop moved the thread back to normal because a batch waited for it.
    private(set) var promotions: UInt64 = 0

    /// Called once on the writer thread, after its nice value is set.
    mutating func start() {
        thread = sy_thread_id()
        usable = sy_sched_idle_reversible() == 1
        demote()
    }

    /// The writer is behind: give it a normal share of the CPU.
    mutating func promote() {
        guard idle, sy_thread_set_idle(thread, 0) == 0 else { return }
        idle = false
        promotions += 1
    }

    /// The writer has caught up: let every other thread go first again.
    mutating func demote() {
        guard usable, !idle, sy_thread_set_idle(thread, 1) == 0 else { return }
        idle = true
    }
}
