import XCTest
@testable import Ledger

/// Request lookups: every condition narrows, rows come newest first, the limit holds, and the
/// range is read backwards through the `ts` index.
final class RequestFilterTests: XCTestCase {
    /// Ten rows a second apart: keys key_0-2, teams team-0/1, agents triage-0/1, row 3 failed,
    /// rows 5-9 served by gpt-4o and asked for by router `economy`.
    private func seeded() throws -> SQLiteLedger {
        let ledger = try SQLiteLedger(path: temporaryDatabase(self))
        try ledger.append((0..<10).map { n in
            var row = fullRow(n, timeMs: fixedNow + Int64(n) * 1_000)
            if n == 3 { row.status = 502; row.errorClass = "upstream_error" }
            if n >= 5 { row.servedModel = "gpt-4o"; row.router = "economy"; row.requestedModel = "economy" }
            return row
        })
        return ledger
    }

    private func ids(_ ledger: SQLiteLedger, _ filter: RequestFilter) throws -> [String] {
        try ledger.requests(filter).map(\.requestID)
    }

    func testEachConditionNarrowsAndRowsComeNewestFirst() throws {
        let ledger = try seeded()
        XCTAssertEqual(try ids(ledger, RequestFilter()), (0..<10).reversed().map { "req-\($0)" })
        XCTAssertEqual(try ids(ledger, RequestFilter(requestID: "req-4")), ["req-4"])
        XCTAssertEqual(try ledger.requests(RequestFilter(requestID: "req-4")).first, fullRow(4, timeMs: fixedNow + 4_000),
                       "every column comes back")
        XCTAssertEqual(try ids(ledger, RequestFilter(requestID: "req-404")), [])
        XCTAssertEqual(try ids(ledger, RequestFilter(keyID: "key_1")), ["req-7", "req-4", "req-1"])
        XCTAssertEqual(try ids(ledger, RequestFilter(team: "team-0", limit: 2)), ["req-8", "req-6"])
        XCTAssertEqual(try ids(ledger, RequestFilter(model: "gpt-4o-mini")), ["req-4", "req-3", "req-2", "req-1", "req-0"],
                       "the served model")
        XCTAssertEqual(try ids(ledger, RequestFilter(model: "economy", limit: 3)), ["req-9", "req-8", "req-7"], "the requested one")
        XCTAssertEqual(try ids(ledger, RequestFilter(team: "team-1", router: "economy")), ["req-9", "req-7", "req-5"])
        XCTAssertEqual(try ids(ledger, RequestFilter(tag: ("agent", "triage-1"), limit: 3)), ["req-9", "req-7", "req-5"])
        XCTAssertEqual(try ids(ledger, RequestFilter(tag: ("agent", "nobody"))), [])
        XCTAssertEqual(try ids(ledger, RequestFilter(tag: ("a\"b", "x"))), [], "a name that would break the JSON path matches nothing")
        XCTAssertEqual(try ids(ledger, RequestFilter(errorsOnly: true)), ["req-3"])
        XCTAssertEqual(try ids(ledger, RequestFilter(since: fixedNow + 2_000, until: fixedNow + 4_000)), ["req-3", "req-2"],
                       "since inclusive, until exclusive")
        XCTAssertEqual(try ledger.requests(RequestFilter(limit: 5_000)).count, 10)
        XCTAssertEqual(try ledger.requests(RequestFilter(limit: 0)).count, 1, "the limit is clamped to 1...max")
    }

    func testTheRangeIsReadBackwardsThroughTheTimeIndexWithoutASort() throws {
        let ledger = try seeded()
        let plan = try ledger.db.query("EXPLAIN QUERY PLAN " + RequestFilter.sql, bind: { _ in }) { $0.string(3) }.joined(separator: "; ")
        XCTAssertTrue(plan.contains("requests_ts"), plan)
        XCTAssertFalse(plan.contains("TEMP B-TREE"), plan)
    }
}
