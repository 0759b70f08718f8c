import Foundation
import XCTest
@testable import Ledger

/// A fresh directory per test, removed at the end of the test.
func temporaryDatabase(_ test: XCTestCase, name: String = "ledger.db") -> String {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("ledger-tests-\(UUID().uuidString)", isDirectory: true)
    try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    test.addTeardownBlock { try? FileManager.default.removeItem(at: directory) }
    return directory.appendingPathComponent(name).path
}

/// 2024-06-10T12:00:00Z: a fixed "now" so day boundaries are known.
let fixedNow: Int64 = 1_718_020_800_000
let dayMs: Int64 = 86_400_000

/// A row with every column set to a value derived from `n`.
func fullRow(_ n: Int, timeMs: Int64 = fixedNow) -> LedgerRow {
    LedgerRow(
        timeMs: timeMs, requestID: "req-\(n)", keyID: "key_\(n % 3)", team: "team-\(n % 2)",
        tags: ["agent": "triage-\(n % 2)", "use_case": "support"], dialect: "openai.chat",
        requestedModel: "auto", router: "auto", servedModel: "gpt-4o-mini", provider: "openai",
        deployment: "openai-east", routerPlan: "gpt-4o-mini:0.82,claude-haiku:0.79",
        status: 200, errorClass: nil, inputTokens: 100 + n, outputTokens: 50 + n,
        cachedTokens: 20, cacheWriteTokens: 10, reasoningTokens: 5, costMicros: Int64(1_000 + n),
        costEstimated: n % 2 == 0, ttftMs: 120.5, latencyMs: 800.25, overheadMs: 0.75,
        retries: 1, fallbacks: 1, attempts: "openai-west:503:40ms;openai-east:200:760ms",
        streamed: true, bodies: nil)
}

/// A small row for volume tests; `sequence` goes into `inputTokens` so gaps are easy to find.
func sequencedRow(_ sequence: Int, timeMs: Int64) -> LedgerRow {
    LedgerRow(
        timeMs: timeMs, requestID: "r\(sequence)", keyID: "key_a", team: "t",
        tags: sequence % 4 == 0 ? ["agent": "bulk"] : [:], dialect: "openai.chat",
        servedModel: "m", provider: "p", status: 200, inputTokens: sequence, outputTokens: 1,
        costMicros: 1, latencyMs: 10)
}

/// Every byte of the database and its WAL and shared-memory files.
func databaseBytes(_ path: String) -> Data {
    var all = Data()
    for suffix in ["", "-wal", "-shm", "-journal"] {
        if let data = FileManager.default.contents(atPath: path + suffix) { all.append(data) }
    }
    return all
}
