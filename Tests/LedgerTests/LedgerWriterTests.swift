import Foundation
import Loop
import XCTest
@testable import Ledger

final class LedgerWriterTests: XCTestCase {
    func testFiftyThousandRowsFromTheLoopAreAllCommittedByFlush() async throws {
        let path = temporaryDatabase(self)
        let store = try SQLiteLedger(path: path)
        let stats = await EventLoop.shared.spawn { () async -> LedgerWriterStats in
            let writer = LedgerWriter(store: store)
            for chunk in 0..<50 {
                for i in 0..<1_000 { writer.append(sequencedRow(chunk * 1_000 + i, timeMs: fixedNow)) }
                await Task.yield()
            }
            await writer.flush()
            let stats = writer.stats
            await writer.close()
            return stats
        }.value
        XCTAssertEqual(stats.rowsAppended, 50_000)
        XCTAssertEqual(stats.rowsCommitted, 50_000)
        XCTAssertEqual(stats.rowsPending, 0)
        XCTAssertEqual(stats.rowsDropped, 0)
        XCTAssertGreaterThan(stats.batches, 0)
        XCTAssertLessThanOrEqual(stats.batches, 25, "batches of at most 2,000 rows, grouped per wake-up")
        XCTAssertGreaterThan(stats.lastCommitNanos, 0)
        let reader = try SQLiteLedger(path: path)
        XCTAssertEqual(try reader.count(), 50_000)
        XCTAssertEqual(try reader.db.scalarInt("SELECT SUM(input_tokens) FROM requests"), Int64(49_999 * 50_000 / 2))
        XCTAssertEqual(try reader.db.scalarInt("SELECT COUNT(*) FROM requests WHERE tags IS NOT NULL"), 12_500)
    }

    func testTheIntervalHandsABatchOverWithoutFlush() async throws {
        let store = try SQLiteLedger(path: temporaryDatabase(self))
        let stats = await EventLoop.shared.spawn { () async -> LedgerWriterStats in
            let writer = LedgerWriter(store: store, options: .init(commitIntervalMs: 20))
            for i in 0..<10 { writer.append(sequencedRow(i, timeMs: fixedNow)) }
            var stats = writer.stats
            for _ in 0..<200 where stats.rowsCommitted < 10 {
                await EventLoop.shared.sleep(milliseconds: 10)
                stats = writer.stats
            }
            await writer.close()
            return stats
        }.value
        XCTAssertEqual(stats.rowsCommitted, 10)
        XCTAssertEqual(stats.batches, 1)
    }

    func testAFullBatchIsHandedOverAtOnce() async throws {
        let store = try SQLiteLedger(path: temporaryDatabase(self))
        let (before, after) = await EventLoop.shared.spawn { () async -> (LedgerWriterStats, LedgerWriterStats) in
            let writer = LedgerWriter(store: store, options: .init(commitIntervalMs: 60_000, maxBatchRows: 100))
            for i in 0..<250 { writer.append(sequencedRow(i, timeMs: fixedNow)) }
            var before = writer.stats
            for _ in 0..<200 where before.rowsCommitted < 200 {
                await EventLoop.shared.sleep(milliseconds: 10)
                before = writer.stats
            }
            await writer.flush()
            let after = writer.stats
            await writer.close()
            return (before, after)
        }.value
        XCTAssertEqual(before.rowsCommitted, 200, "two full batches went without waiting for the interval")
        XCTAssertEqual(before.rowsPending, 50)
        XCTAssertEqual(after.rowsCommitted, 250)
    }

    func testATransactionHoldsAtMostMaxTransactionRows() async throws {
        let store = try SQLiteLedger(path: temporaryDatabase(self))
        let stats = await EventLoop.shared.spawn { () async -> LedgerWriterStats in
            let options = LedgerWriter.Options(maxBatchRows: 100, maxTransactionRows: 250)
            let writer = LedgerWriter(store: store, options: options)
            for i in 0..<1_000 { writer.append(sequencedRow(i, timeMs: fixedNow)) }
            await writer.flush()
            return writer.stats
        }.value
        XCTAssertEqual(stats.rowsCommitted, 1_000)
        XCTAssertGreaterThanOrEqual(stats.batches, 5, "two 100-row batches per transaction at most")
    }

    func testAWriterDroppedWithoutCloseStillCommitsItsRows() async throws {
        let path = temporaryDatabase(self)
        let store = try SQLiteLedger(path: path)
        let reader = try SQLiteLedger(path: path)
        await EventLoop.shared.spawn {
            let writer = LedgerWriter(store: store, options: .init(commitIntervalMs: 60_000))
            for i in 0..<10 { writer.append(sequencedRow(i, timeMs: fixedNow)) }
        }.value
        var count = 0
        for _ in 0..<200 where count < 10 {
            usleep(10_000)
            count = try reader.count()
        }
        XCTAssertEqual(count, 10)
    }

    func testRowsAppendedWhileCloseWaitsAreCommittedToo() async throws {
        let store = try SQLiteLedger(path: temporaryDatabase(self))
        let stats = await EventLoop.shared.spawn { () async -> LedgerWriterStats in
            let writer = LedgerWriter(store: store)
            for i in 0..<1_000 { writer.append(sequencedRow(i, timeMs: fixedNow)) }
            let closing = EventLoop.shared.spawn { await writer.close() }
            await Task.yield()
            for i in 1_000..<1_500 { writer.append(sequencedRow(i, timeMs: fixedNow)) }
            await closing.value
            return writer.stats
        }.value
        XCTAssertEqual(stats.rowsCommitted, 1_500)
        XCTAssertEqual(stats.rowsDropped, 0)
    }

    func testFlushWithNothingPendingReturnsAndRowsAfterCloseAreDropped() async throws {
        let store = try SQLiteLedger(path: temporaryDatabase(self))
        let stats = await EventLoop.shared.spawn { () async -> LedgerWriterStats in
            let writer = LedgerWriter(store: store)
            await writer.flush()
            writer.append(sequencedRow(1, timeMs: fixedNow))
            await writer.close()
            writer.append(sequencedRow(2, timeMs: fixedNow))
            await writer.flush()
            return writer.stats
        }.value
        XCTAssertEqual(stats.rowsCommitted, 1)
        XCTAssertEqual(stats.rowsDropped, 1)
    }

    func testFailingCommitsAreRetriedThenCountedAsDropped() async throws {
        let path = temporaryDatabase(self)
        let store = try SQLiteLedger(path: path)
        try store.db.execute("CREATE TRIGGER refuse BEFORE INSERT ON requests BEGIN SELECT RAISE(ABORT, 'disk says no'); END")
        let stats = await EventLoop.shared.spawn { () async -> LedgerWriterStats in
            let writer = LedgerWriter(store: store)
            writer.append(sequencedRow(1, timeMs: fixedNow))
            await writer.flush()
            return writer.stats
        }.value
        XCTAssertEqual(stats.commitErrors, 5)
        XCTAssertEqual(stats.rowsDropped, 1)
        XCTAssertEqual(stats.rowsCommitted, 0)
        XCTAssertEqual(stats.lastError?.code, .sqlite)
    }

    func testAReaderSeesCommittedRowsWhileTheWriterKeepsWriting() async throws {
        let path = temporaryDatabase(self)
        let store = try SQLiteLedger(path: path)
        let reader = try SQLiteLedger(path: path)
        let writer = await EventLoop.shared.spawn { () async -> LedgerWriter in
            let writer = LedgerWriter(store: store, options: .init(commitIntervalMs: 5))
            for i in 0..<1_000 { writer.append(sequencedRow(i, timeMs: fixedNow)) }
            await writer.flush()
            for i in 1_000..<1_500 { writer.append(sequencedRow(i, timeMs: fixedNow)) }
            return writer
        }.value
        let seen = try reader.spend(SpendQuery(by: .team)).first?.requests ?? 0
        XCTAssertGreaterThanOrEqual(seen, 1_000)
        XCTAssertLessThanOrEqual(seen, 1_500)
        await EventLoop.shared.spawn { await writer.close() }.value
        XCTAssertEqual(try reader.spend(SpendQuery(by: .team)).first?.requests, 1_500)
    }
}
