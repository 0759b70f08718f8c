import XCTest
@testable import Ledger

final class RowRoundTripTests: XCTestCase {
    func testEveryColumnSurvivesAWriteAndRead() throws {
        let ledger = try SQLiteLedger(path: temporaryDatabase(self))
        var full = fullRow(7)
        full.bodies = "{\"prompt\":\"hi\"}"
        full.errorClass = "stream_interrupted"
        let minimal = LedgerRow(timeMs: fixedNow + 1, requestID: "req-min", dialect: "anthropic.messages", status: 401,
                                errorClass: "invalid_key", latencyMs: 0.5)
        try ledger.append([full, minimal])
        XCTAssertEqual(try ledger.rows(), [full, minimal])
    }

    func testTagsWithAwkwardTextRoundTripAndGroupReports() throws {
        let ledger = try SQLiteLedger(path: temporaryDatabase(self))
        var row = fullRow(1)
        row.tags = ["quote\"d": "back\\slash", "nl": "a\nb\tc\u{1}", "emoji": "🚦", "empty": ""]
        try ledger.append([row])
        XCTAssertEqual(try ledger.rows().first?.tags, row.tags)
        for (name, value) in row.tags {
            XCTAssertEqual(try ledger.spend(SpendQuery(by: .tag(name))).map(\.group), [value], name)
        }
    }

    func testConsecutiveRowsOfABatchKeepTheirOwnTexts() throws {
        // The inserter binds the texts of 16 rows a statement from one reused buffer: NULLs
        // after texts in the same columns, texts that outgrow the buffer halfway, and the rows
        // left over after the last full statement must all read back as written, in order.
        let ledger = try SQLiteLedger(path: temporaryDatabase(self))
        let rows = (0..<(2 * RowInserter.rowsPerStatement + 3)).map { n -> LedgerRow in
            switch n % 3 {
            case 0: return fullRow(n)
            case 1: return LedgerRow(timeMs: fixedNow + Int64(n), requestID: "", dialect: "openai.chat", status: 200, latencyMs: 1)
            default:
                var long = fullRow(n)
                long.bodies = String(repeating: "prompt é ", count: 100 * n)
                long.routerPlan = "auto: a > b"
                return long
            }
        }
        try ledger.append(Array(rows[..<5]))
        try ledger.append(Array(rows[5...]))
        XCTAssertEqual(try ledger.rows(), rows)
    }

    func testTagObjectsAreSortedAndEscapedByteForByte() {
        XCTAssertEqual(JSONText.object(["b": "1", "a": "q\"\\\n\t\u{1}é"]), #"{"a":"q\"\\\n\t\u0001é","b":"1"}"#)
        XCTAssertEqual(JSONText.object(["k": ""]), #"{"k":""}"#)
        XCTAssertNil(JSONText.object([:]))
        XCTAssertEqual(JSONText.array(["x", "y\""]), #"["x","y\""]"#)
    }

    func testRowsFilterByTimeRange() throws {
        let ledger = try SQLiteLedger(path: temporaryDatabase(self))
        try ledger.append((0..<10).map { fullRow($0, timeMs: fixedNow + Int64($0)) })
        XCTAssertEqual(try ledger.rows(since: fixedNow + 3, until: fixedNow + 6).map(\.requestID), ["req-3", "req-4", "req-5"])
        XCTAssertEqual(try ledger.count(since: fixedNow + 8), 2)
        XCTAssertEqual(try ledger.rows(limit: 2).count, 2)
    }

    func testAFailedBatchLeavesNoPartialRows() throws {
        let ledger = try SQLiteLedger(path: temporaryDatabase(self))
        try ledger.db.execute("CREATE TRIGGER refuse BEFORE INSERT ON requests WHEN NEW.request_id = 'bad' BEGIN SELECT RAISE(ABORT, 'refused'); END")
        var rows = (0..<40).map { fullRow($0) }
        rows[20].requestID = "bad"
        XCTAssertThrowsError(try ledger.append(rows))
        XCTAssertThrowsError(try ledger.append([fullRow(1), rows[20]]))
        XCTAssertEqual(try ledger.count(), 0)
    }

    func testSpentTotalsSumEachKeyAndTeamSinceAnInstant() throws {
        let ledger = try SQLiteLedger(path: temporaryDatabase(self))
        try ledger.append((0..<6).map { fullRow($0, timeMs: fixedNow + Int64($0)) })
        // key_0: n = 0, 3 -> 1000 + 1003; since fixedNow + 1 leaves n = 3.
        XCTAssertEqual(try ledger.spentTotals(since: fixedNow).keys["key_0"], 2_003)
        XCTAssertEqual(try ledger.spentTotals(since: fixedNow + 1).keys["key_0"], 1_003)
        XCTAssertEqual(try ledger.spentTotals(since: fixedNow).teams["team-1"], 1_001 + 1_003 + 1_005)
        XCTAssertNil(try ledger.spentTotals(since: 0).keys["nobody"])
    }
}
