import Foundation
import Loop
import XCTest
@testable import Ledger

final class RetentionTests: XCTestCase {
    /// Rows 10, 5 and 1 days old and from today, in several keys, models and providers.
    private func seeded(path: String? = nil) throws -> SQLiteLedger {
        let ledger = try SQLiteLedger(path: path ?? temporaryDatabase(self))
        var rows: [LedgerRow] = []
        for (daysAgo, count) in [(10, 7), (5, 11), (1, 3), (0, 4)] {
            for n in 0..<count {
                var row = fullRow(n, timeMs: fixedNow - Int64(daysAgo) * dayMs + Int64(n))
                row.provider = n % 2 == 0 ? "openai" : "azure"
                if n == 0 { row.status = 500; row.errorClass = "upstream_error" }
                if n % 3 == 2 { row.router = nil }
                if n % 4 == 3 { row.tags["agent"] = nil }
                rows.append(row)
            }
        }
        try ledger.append(rows)
        return ledger
    }

    func testTheCutoffIsUTCMidnightKeepDaysBack() {
        XCTAssertEqual(RetentionPolicy(keepDays: 0).cutoff(nowMs: fixedNow), fixedNow - 12 * 3_600_000)
        XCTAssertEqual(RetentionPolicy(keepDays: 3).cutoff(nowMs: fixedNow), fixedNow - 12 * 3_600_000 - 3 * dayMs)
    }

    func testRollUpFoldsOldRowsIntoDailyTotalsAndDeletesThemInSmallBatches() throws {
        let ledger = try seeded()
        let before = try ledger.rows(until: RetentionPolicy(keepDays: 3).cutoff(nowMs: fixedNow))
        let result = try ledger.applyRetention(RetentionPolicy(keepDays: 3, batchRows: 4), nowMs: fixedNow)
        XCTAssertEqual(result.rowsDeleted, 18)
        XCTAssertEqual(result.rowsRolledUp, 18)
        XCTAssertGreaterThanOrEqual(result.batches, 5, "18 rows in batches of about 4")
        XCTAssertTrue(result.done)
        XCTAssertEqual(try ledger.count(), 7)
        XCTAssertEqual(try ledger.spend(SpendQuery(by: .tag("use_case"), since: fixedNow - 2 * dayMs)).map(\.requests), [7],
                       "kept rows keep their tags")

        let usage = try ledger.dailyUsage()
        XCTAssertEqual(Set(usage.map(\.day)), ["2024-05-31", "2024-06-05"])
        XCTAssertEqual(usage.reduce(0) { $0 + $1.requests }, 18)
        XCTAssertEqual(usage.reduce(0) { $0 + $1.errors }, 2)
        XCTAssertEqual(usage.reduce(Int64(0)) { $0 + $1.costMicros }, before.reduce(Int64(0)) { $0 + $1.costMicros })
        XCTAssertEqual(usage.reduce(0) { $0 + $1.inputTokens }, before.reduce(0) { $0 + $1.inputTokens })
        XCTAssertEqual(usage.reduce(0) { $0 + $1.cachedTokens }, 18 * 20)
        // One group: 2024-06-05, key_1, team-1, gpt-4o-mini, azure: n in {1, 7} of the 11 rows.
        let group = usage.first { $0.day == "2024-06-05" && $0.keyID == "key_1" && $0.team == "team-1" && $0.provider == "azure" }
        XCTAssertEqual(group?.requests, 2)
        XCTAssertEqual(group?.model, "gpt-4o-mini")
        XCTAssertEqual(group?.costMicros, 1_001 + 1_007)
        XCTAssertEqual(group?.latencyMsSum, 2 * 800.25)
    }

    func testSpentTotalsCountTheDaysRetentionRolledUp() throws {
        // Budgets are restored from these totals at start; a restart after retention must not
        // hand out what was spent in the rolled-up days of the period again.
        let ledger = try seeded()
        for since in [fixedNow - 12 * dayMs, fixedNow - 6 * dayMs, fixedNow - 12 * 3_600_000] {
            let before = try ledger.spentTotals(since: RetentionPolicy(keepDays: 0).cutoff(nowMs: since))
            _ = try ledger.applyRetention(RetentionPolicy(keepDays: 3), nowMs: fixedNow)
            XCTAssertEqual(try ledger.spentTotals(since: RetentionPolicy(keepDays: 0).cutoff(nowMs: since)), before)
            XCTAssertFalse(before.keys.isEmpty)
        }
    }

    func testSpendReportsCountRolledUpDaysWithoutTheirLatencies() throws {
        // A spend report over a range that retention rolled up must still add up to what was
        // spent; only the latency percentiles are left to the raw rows.
        let ledger = try seeded()
        let queries = [SpendQuery(by: .key), SpendQuery(by: .team), SpendQuery(by: .model), SpendQuery(by: .provider),
                       SpendQuery(by: .provider, since: fixedNow - 6 * dayMs),
                       SpendQuery(by: .key, since: fixedNow - 12 * dayMs, until: fixedNow - 2 * dayMs),
                       SpendQuery(by: .router), SpendQuery(by: .tag("agent")), SpendQuery(by: .tag("use_case")),
                       SpendQuery(by: .tag("absent")), SpendQuery(by: .tag("agent"), since: fixedNow - 6 * dayMs),
                       SpendQuery(by: .router, since: fixedNow - 12 * dayMs, until: fixedNow - 2 * dayMs)]
        let before = try queries.map { try ledger.spend($0) }
        _ = try ledger.applyRetention(RetentionPolicy(keepDays: 3), nowMs: fixedNow)
        for (query, was) in zip(queries, before) {
            let now = try ledger.spend(query)
            let fields = { (rows: [SpendRow]) in rows.map { "\($0.group) \($0.requests) \($0.errors) \($0.inputTokens) \($0.outputTokens) \($0.costMicros)" } }
            XCTAssertEqual(fields(now), fields(was), "\(query)")
        }
        let recent = try ledger.spend(SpendQuery(by: .key, since: fixedNow - 2 * dayMs))
        XCTAssertEqual(recent.reduce(0) { $0 + $1.requests }, 7, "days after the cut are raw rows only")
        XCTAssertNotNil(try ledger.spend(SpendQuery(by: .key)).first?.p50Ms, "percentiles of the kept rows")
        let agents = try ledger.spend(SpendQuery(by: .tag("agent"))).map(\.group)
        XCTAssertEqual(Set(agents), ["triage-0", "triage-1", SpendGrouping.noneLabel])
    }

    func testDaysRolledUpBeforeTheLabelTableCountAsNoneInTagAndRouterReports() throws {
        // A database rolled up by schema 4 has no label totals for those days: their spend
        // must still be in the report, in "(none)", so the groups add up to what was spent.
        let ledger = try seeded()
        _ = try ledger.applyRetention(RetentionPolicy(keepDays: 3), nowMs: fixedNow)
        try ledger.db.execute("DELETE FROM daily_label_usage")
        let total = try ledger.spend(SpendQuery(by: .key)).reduce(Int64(0)) { $0 + $1.costMicros }
        for grouping in [SpendGrouping.router, .tag("agent")] {
            let rows = try ledger.spend(SpendQuery(by: grouping))
            XCTAssertEqual(rows.reduce(Int64(0)) { $0 + $1.costMicros }, total, "\(grouping)")
            XCTAssertEqual(rows.first { $0.group == SpendGrouping.noneLabel }?.requests, 18 + (grouping == .router ? 2 : 1),
                           "\(grouping): the 18 rolled-up rows and the kept rows without the label")
        }
    }

    func testASecondRunAddsToTheSameDaysAndDeleteOnlyKeepsNoTotals() throws {
        let ledger = try seeded()
        _ = try ledger.applyRetention(RetentionPolicy(keepDays: 7), nowMs: fixedNow)
        let once = try ledger.dailyUsage().reduce(0) { $0 + $1.requests }
        XCTAssertEqual(once, 7)
        try ledger.append([fullRow(100, timeMs: fixedNow - 10 * dayMs)])
        _ = try ledger.applyRetention(RetentionPolicy(keepDays: 7), nowMs: fixedNow)
        XCTAssertEqual(try ledger.dailyUsage().reduce(0) { $0 + $1.requests }, 8)
        XCTAssertEqual(try ledger.dailyUsage().count, 6, "the late row joined an existing group")

        let other = try seeded()
        let result = try other.applyRetention(RetentionPolicy(keepDays: 0, rollUp: false), nowMs: fixedNow)
        XCTAssertEqual(result.rowsDeleted, 21)
        XCTAssertEqual(result.rowsRolledUp, 0)
        XCTAssertEqual(try other.count(), 4)
        XCTAssertEqual(try other.dailyUsage(), [])
    }

    func testRetentionThroughTheWriterRunsOnItsWorkerBetweenCommits() async throws {
        let path = temporaryDatabase(self)
        _ = try seeded(path: path)
        let store = try SQLiteLedger(path: path)
        let result = try await EventLoop.shared.spawn { () async throws -> RetentionResult in
            let writer = LedgerWriter(store: store)
            writer.append(sequencedRow(1, timeMs: fixedNow))
            let result = try await writer.applyRetention(RetentionPolicy(keepDays: 3, batchRows: 5), nowMs: fixedNow)
            await writer.close()
            return result
        }.value
        XCTAssertEqual(result.rowsDeleted, 18)
        let reader = try SQLiteLedger(path: path)
        XCTAssertEqual(try reader.count(), 8)
        XCTAssertEqual(try reader.dailyUsage().reduce(0) { $0 + $1.requests }, 18)
    }

    func testScheduledRetentionRunsOnItsOwn() async throws {
        let path = temporaryDatabase(self)
        _ = try seeded(path: path)
        let store = try SQLiteLedger(path: path)
        let reader = try SQLiteLedger(path: path)
        let writer = await EventLoop.shared.spawn { () async -> LedgerWriter in
            let writer = LedgerWriter(store: store)
            writer.scheduleRetention(RetentionPolicy(keepDays: 1), everyMs: 10)
            return writer
        }.value
        var left = try reader.count()
        for _ in 0..<300 where left > 0 {
            usleep(10_000)
            left = try reader.count()
        }
        await EventLoop.shared.spawn { await writer.close() }.value
        XCTAssertEqual(left, 0, "every seeded row is older than a day by the wall clock")
        XCTAssertEqual(try reader.dailyUsage().reduce(0) { $0 + $1.requests }, 25)
    }

    func testRetentionAfterCloseFails() async throws {
        let store = try SQLiteLedger(path: temporaryDatabase(self))
        let code = await EventLoop.shared.spawn { () async -> LedgerError.Code? in
            let writer = LedgerWriter(store: store)
            await writer.close()
            do {
                _ = try await writer.applyRetention(RetentionPolicy(keepDays: 1), nowMs: fixedNow)
                return nil
            } catch {
                return (error as? LedgerError)?.code
            }
        }.value
        XCTAssertEqual(code, .closed)
    }
}
