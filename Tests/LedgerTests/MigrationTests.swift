import XCTest
@testable import Ledger

final class MigrationTests: XCTestCase {
    func testOpeningAnEmptyFileAppliesEveryMigrationInWALMode() throws {
        let path = temporaryDatabase(self)
        let ledger = try SQLiteLedger(path: path)
        XCTAssertEqual(ledger.schemaVersion, Migrations.latest)
        let versions = try ledger.db.query("SELECT version FROM schema_version ORDER BY version") { $0.int(0) }
        XCTAssertEqual(versions, Migrations.all.map(\.version))
        let mode = try ledger.db.query("PRAGMA journal_mode") { $0.string(0) }
        XCTAssertEqual(mode, ["wal"])
        let synchronous = try ledger.db.scalarInt("PRAGMA synchronous")
        XCTAssertEqual(synchronous, 1, "NORMAL")
        let tables = Set(try ledger.db.query("SELECT name FROM sqlite_master WHERE type = 'table'") { $0.string(0) })
        XCTAssertTrue(tables.isSuperset(of: ["requests", "daily_usage", "daily_label_usage", "keys", "teams", "schema_version"]))
        let indexes = Set(try ledger.db.query("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'requests'") { $0.string(0) })
        XCTAssertEqual(indexes, ["requests_ts"], "the insert path keeps one index (migration 4)")
        XCTAssertFalse(tables.contains("request_tags"))
    }

    func testReopeningIsIdempotentAndKeepsData() throws {
        let path = temporaryDatabase(self)
        do {
            let ledger = try SQLiteLedger(path: path)
            try ledger.append([fullRow(1)])
        }
        let again = try SQLiteLedger(path: path)
        let keys = try KeyStore(path: path)
        XCTAssertEqual(again.schemaVersion, Migrations.latest)
        XCTAssertEqual(try again.db.scalarInt("SELECT COUNT(*) FROM schema_version"), Int64(Migrations.all.count))
        XCTAssertEqual(try again.count(), 1)
        XCTAssertEqual(try keys.list(), [])
    }

    func testAnUnknownNewerSchemaIsRefused() throws {
        let path = temporaryDatabase(self)
        do {
            let ledger = try SQLiteLedger(path: path)
            try ledger.db.run("INSERT INTO schema_version (version, name, applied_ms) VALUES (999, 'future', 0)")
        }
        XCTAssertThrowsError(try SQLiteLedger(path: path)) { error in
            XCTAssertEqual((error as? LedgerError)?.code, .schemaTooNew)
        }
    }

    func testAnUnopenableFileReportsASQLiteError() {
        XCTAssertThrowsError(try SQLiteLedger(path: "/nonexistent-dir/ledger.db")) { error in
            XCTAssertEqual((error as? LedgerError)?.code, .sqlite)
            XCTAssertNotNil((error as? LedgerError)?.sqliteCode)
        }
    }
}
