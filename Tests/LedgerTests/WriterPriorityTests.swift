import Dispatch
import Loop
import XCTest
@testable import Ledger

/// A store whose commits wait for the test, standing in for a writer thread that gets no CPU.
private final class GatedStore: LedgerStore, @unchecked Sendable {
    let gate = DispatchSemaphore(value: 0)
    func append(batches: [[LedgerRow]]) throws(LedgerError) { gate.wait() }
    func retentionStep(_ policy: RetentionPolicy, nowMs: Int64, into result: inout RetentionResult) throws(LedgerError) {
        result.done = true
    }
}

final class WriterPriorityTests: XCTestCase {
    /// Idle while it keeps up; normal once a batch waits past the watchdog; idle again after.
    func testAWriterBehindIsPromotedAndGoesIdleOnceCaughtUp() async throws {
        let store = GatedStore()
        let gate = store.gate
        let (start, behind, caughtUp) = await EventLoop.shared.spawn {
            () async -> (LedgerWriterStats, LedgerWriterStats, LedgerWriterStats) in
            let writer = LedgerWriter(store: store, options: .init(commitIntervalMs: 60_000, maxBatchRows: 1))
            var start = writer.stats
            for _ in 0..<100 where !start.writerIdle {
                await EventLoop.shared.sleep(milliseconds: 5)
                start = writer.stats
            }
            writer.append(sequencedRow(1, timeMs: fixedNow))
            await EventLoop.shared.sleep(milliseconds: LedgerWriter.watchdogMs * 3)
            let behind = writer.stats
            gate.signal()
            await writer.flush()
            var caughtUp = writer.stats
            for _ in 0..<100 where !caughtUp.writerIdle {
                await EventLoop.shared.sleep(milliseconds: 5)
                caughtUp = writer.stats
            }
            await writer.close()
            return (start, behind, caughtUp)
        }.value
        try XCTSkipUnless(start.writerIdle, "this process may not leave SCHED_IDLE again (no CAP_SYS_NICE)")
        XCTAssertEqual(behind.writerPromotions, 1)
        XCTAssertFalse(behind.writerIdle)
        XCTAssertEqual(caughtUp.rowsCommitted, 1)
        XCTAssertTrue(caughtUp.writerIdle)
    }
}
