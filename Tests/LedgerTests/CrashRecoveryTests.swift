import Foundation
import Loop
import XCTest
@testable import Ledger

/// `kill -9` of a process in the middle of writing: the file opens, passes
/// `integrity_check`, and misses only rows appended in the last commit interval.
///
/// The child is this test binary itself, running only `testChildWritesUntilKilled` with the
/// database path in the environment; in a normal run that test returns at once.
final class CrashRecoveryTests: XCTestCase {
    static let environmentKey = "SWITCHYARD_LEDGER_CRASH_CHILD_DB"
    static let intervalMs: UInt64 = 100
    /// Room over the interval for the commit in flight and scheduling on a busy 2-core machine.
    static let slackMs: Int64 = 500

    func testKillNineLosesAtMostTheLastInterval() throws {
        let path = temporaryDatabase(self, name: "crash.db")
        let reader = try SQLiteLedger(path: path)
        let child = Process()
        child.executableURL = URL(fileURLWithPath: try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
        child.arguments = ["LedgerTests.CrashRecoveryTests/testChildWritesUntilKilled"]
        child.environment = ProcessInfo.processInfo.environment.merging([Self.environmentKey: path]) { $1 }
        child.standardOutput = FileHandle.nullDevice
        child.standardError = FileHandle.nullDevice
        try child.run()

        var committed = 0
        for _ in 0..<250 where committed == 0 {
            usleep(20_000)
            committed = try reader.count()
        }
        XCTAssertGreaterThan(committed, 0, "the child never committed")
        usleep(1_000_000)
        let killedAt = WallClock.milliseconds()
        kill(child.processIdentifier, SIGKILL)
        child.waitUntilExit()
        XCTAssertEqual(child.terminationReason, .uncaughtSignal)

        let reopened = try SQLiteLedger(path: path)
        XCTAssertEqual(try reopened.integrityCheck(), "ok")
        let count = try reopened.count()
        let highest = try reopened.db.scalarInt("SELECT MAX(input_tokens) FROM requests") ?? -1
        XCTAssertEqual(Int64(count), highest + 1, "committed rows are a prefix of the appended ones")
        let lastTime = try reopened.db.scalarInt("SELECT MAX(ts) FROM requests") ?? 0
        let window = killedAt - lastTime
        XCTAssertLessThanOrEqual(window, Int64(Self.intervalMs) + Self.slackMs,
                                 "rows of \(window) ms were lost (\(count) committed)")
        print("crash test: \(count) rows committed, newest \(window) ms before the kill")
    }

    /// The child's side: appends about 20 rows per millisecond until it is killed.
    func testChildWritesUntilKilled() async throws {
        guard let path = ProcessInfo.processInfo.environment[Self.environmentKey] else { return }
        let store = try SQLiteLedger(path: path)
        await EventLoop.shared.spawn {
            let writer = LedgerWriter(store: store, options: .init(commitIntervalMs: Self.intervalMs))
            var sequence = 0
            while true {
                let now = WallClock.milliseconds()
                for _ in 0..<20 {
                    writer.append(sequencedRow(sequence, timeMs: now))
                    sequence += 1
                }
                await EventLoop.shared.sleep(milliseconds: 1)
            }
        }.value
    }
}
