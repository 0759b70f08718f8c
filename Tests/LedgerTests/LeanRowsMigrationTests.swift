import XCTest
@testable import Ledger

/// Migration 4 on a database written by a build that still kept the tag table and the key and
/// team indexes: rows and tags survive, and every report still groups them.
final class LeanRowsMigrationTests: XCTestCase {
    /// A file at schema 3, with rows written the way that schema's writer wrote them.
    private func schemaThreeDatabase(rows: [LedgerRow]) throws -> String {
        let path = temporaryDatabase(self)
        let db = try SQLiteConnection(path: path)
        try db.execute("PRAGMA journal_mode = WAL")
        try db.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_ms INTEGER NOT NULL)")
        for migration in Migrations.all where migration.version <= 3 {
            try db.execute(migration.sql)
            try db.run("INSERT INTO schema_version (version, name, applied_ms) VALUES (?1, ?2, 0)") {
                $0.bind(1, migration.version)
                $0.bind(2, migration.name)
            }
        }
        var inserter = RowInserter()
        try db.transaction { () throws(LedgerError) in
            for row in rows {
                try db.with(RowColumns.insert) { s throws(LedgerError) in try inserter.insert([row][...], with: s) }
                let id = db.lastInsertRowID
                for (name, value) in row.tags {
                    try db.run("INSERT INTO request_tags (name, ts, row_id, value) VALUES (?1, ?2, ?3, ?4)") {
                        $0.bind(1, name)
                        $0.bind(2, row.timeMs)
                        $0.bind(3, id)
                        $0.bind(4, value)
                    }
                }
            }
        }
        return path
    }

    func testAnOldDatabaseUpgradesWithItsRowsAndTags() throws {
        var rows = (0..<6).map { fullRow($0, timeMs: fixedNow + Int64($0)) }
        rows[5].tags = [:]
        let path = try schemaThreeDatabase(rows: rows)

        let ledger = try SQLiteLedger(path: path)
        XCTAssertEqual(ledger.schemaVersion, Migrations.latest)
        XCTAssertEqual(try ledger.rows(), rows)
        let tables = try ledger.db.query("SELECT name FROM sqlite_master WHERE name LIKE 'request%' ORDER BY name") { $0.string(0) }
        XCTAssertEqual(tables, ["requests", "requests_ts"])
        XCTAssertEqual(try ledger.integrityCheck(), "ok")
    }

    func testReportsGroupAnUpgradedDatabaseByTagKeyAndTeam() throws {
        let rows = (0..<6).map { fullRow($0, timeMs: fixedNow + Int64($0)) }
        let ledger = try SQLiteLedger(path: try schemaThreeDatabase(rows: rows))
        // fullRow: agent triage-0 / triage-1 alternate, use_case support on every row.
        let byAgent = try ledger.spend(SpendQuery(by: .tag("agent")))
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: byAgent.map { ($0.group, $0.requests) }), ["triage-0": 3, "triage-1": 3])
        XCTAssertEqual(byAgent.reduce(Int64(0)) { $0 + $1.costMicros }, rows.reduce(Int64(0)) { $0 + $1.costMicros })
        XCTAssertEqual(try ledger.spend(SpendQuery(by: .tag("missing"))).map(\.group), [SpendGrouping.noneLabel])
        XCTAssertEqual(try ledger.spend(SpendQuery(by: .key)).count, 3)
        XCTAssertEqual(try ledger.spend(SpendQuery(by: .team)).map(\.requests), [3, 3])
        XCTAssertEqual(try ledger.spentTotals(since: fixedNow).keys, ["key_0": 2_003, "key_1": 2_005, "key_2": 2_007])
    }

    func testRetentionRunsOnAnUpgradedDatabase() throws {
        let rows = (0..<4).map { fullRow($0, timeMs: fixedNow - 10 * dayMs + Int64($0)) }
        let ledger = try SQLiteLedger(path: try schemaThreeDatabase(rows: rows))
        let result = try ledger.applyRetention(RetentionPolicy(keepDays: 3), nowMs: fixedNow)
        XCTAssertEqual(result.rowsRolledUp, 4)
        XCTAssertEqual(try ledger.count(), 0)
        XCTAssertEqual(try ledger.spend(SpendQuery(by: .tag("agent"))).map(\.requests), [2, 2],
                       "the upgrade to schema 5 rolls tags up too")
    }
}
