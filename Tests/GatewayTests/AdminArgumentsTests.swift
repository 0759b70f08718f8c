import XCTest
@testable import Gateway
import Ledger

/// The text forms shared by the CLI and the admin API: times, money, tags and JSON bodies.
final class AdminArgumentsTests: XCTestCase {
    let now: Int64 = 1_740_830_400_000  // 2025-03-01T12:00:00Z

    func testAbsoluteTimes() {
        XCTAssertEqual(TimeArgument.absolute("2025-03-01"), 1_740_787_200_000)
        XCTAssertEqual(TimeArgument.absolute("2025-03-01T12:00:00Z"), now)
        XCTAssertEqual(TimeArgument.absolute("2025-03-01T14:00:00+02:00"), now)
        XCTAssertEqual(TimeArgument.absolute("2025-03-01T11:30:00.250-00:30"), now + 250)
        XCTAssertEqual(TimeArgument.absolute("2024-02-29"), 1_709_164_800_000, "leap day")
        for bad in ["2025-02-29", "2025-13-01", "2025-03-01T12:00:00", "2025-03-01T25:00:00Z", "03/01/2025", "2025-03-01Tx", ""] {
            XCTAssertNil(TimeArgument.absolute(bad), bad)
        }
    }

    func testAgesAndExpiries() throws {
        XCTAssertEqual(try TimeArgument.instant("24h", nowMs: now), now - 86_400_000)
        XCTAssertEqual(try TimeArgument.instant("2w", nowMs: now), now - 14 * 86_400_000)
        XCTAssertEqual(try TimeArgument.expiry("30m", nowMs: now), now + 1_800_000)
        XCTAssertThrowsError(try TimeArgument.instant("yesterday", nowMs: now))
        XCTAssertThrowsError(try TimeArgument.instant("-5h", nowMs: now))
        XCTAssertThrowsError(try TimeArgument.expiry("2025-03-01", nowMs: now), "already past")
        XCTAssertEqual(TimeArgument.format(now), "2025-03-01T12:00:00Z")
        XCTAssertEqual(TimeArgument.format(now + 7), "2025-03-01T12:00:00.007Z")
    }

    func testDollarsAreExactMicros() throws {
        XCTAssertEqual(try KeyArguments.usdMicros("25"), 25_000_000)
        XCTAssertEqual(try KeyArguments.usdMicros("0.50"), 500_000)
        XCTAssertEqual(try KeyArguments.usdMicros(".000001"), 1)
        for bad in ["", ".", "1.", "-1", "1e3", "0.0000001", "1,5", "2000000000"] {
            XCTAssertThrowsError(try KeyArguments.usdMicros(bad), bad)
        }
    }

    func testBudgetsTagsAndModels() throws {
        XCTAssertEqual(try KeyArguments.budget(usd: "5", period: "rolling:24h"), BudgetSpec(limitMicros: 5_000_000, period: .rolling(hours: 24)))
        XCTAssertNil(try KeyArguments.budget(usd: nil, period: nil))
        XCTAssertThrowsError(try KeyArguments.budget(usd: "5", period: nil))
        XCTAssertThrowsError(try KeyArguments.budget(usd: nil, period: "day"))
        XCTAssertEqual(try KeyArguments.tags(["agent=triage", "q=a=b"]), ["agent": "triage", "q": "a=b"])
        XCTAssertThrowsError(try KeyArguments.tags(["no-equals"]))
        XCTAssertThrowsError(try KeyArguments.tags(["bad name=x"]))
        XCTAssertThrowsError(try KeyArguments.tags((0..<17).map { "t\($0)=v" }))
        XCTAssertEqual(try KeyArguments.models("gpt-4o, mini"), ["gpt-4o", "mini"])
        XCTAssertThrowsError(try KeyArguments.models("a,,b"))
    }

    func testKeyBody() throws {
        let spec = try AdminBody.keySpec(Array(#"{"name":"k","tags":["a=1"],"models":"m1,m2","rpm":5,"budget":0.25,"budget_period":"day","expires":"1h"}"#.utf8), nowMs: now)
        XCTAssertEqual(spec.name, "k")
        XCTAssertEqual(spec.tags, ["a": "1"])
        XCTAssertEqual(spec.allowedModels, ["m1", "m2"])
        XCTAssertEqual(spec.rpm, 5)
        XCTAssertEqual(spec.budget, BudgetSpec(limitMicros: 250_000, period: .day))
        XCTAssertEqual(spec.expiresAtMs, now + 3_600_000)
        XCTAssertThrowsError(try AdminBody.keySpec(Array(#"{"name":"k","rpn":5}"#.utf8), nowMs: now)) { error in
            XCTAssertEqual((error as? KeyArguments.Invalid)?.param, "rpn")
        }
        XCTAssertThrowsError(try AdminBody.keySpec(Array(#"{"tags":{}}"#.utf8), nowMs: now))
        XCTAssertThrowsError(try AdminBody.keySpec(Array(#"{"name":"k","budget":-1,"budget_period":"day"}"#.utf8), nowMs: now))
    }

    func testTeamUpdateKeepsWhatIsNotMentioned() throws {
        let team = Team(name: "t", rpm: 10, tpm: 100, budget: BudgetSpec(limitMicros: 1, period: .month), createdAtMs: 1)
        let update = try AdminBody.teamUpdate(Array(#"{"name":"t","rpm":20,"tpm":null}"#.utf8))
        let changed = try update.applied(to: team, nowMs: now)
        XCTAssertEqual(changed, Team(name: "t", rpm: 20, tpm: nil, budget: team.budget, createdAtMs: 1))
    }

    func testQueryParameters() {
        XCTAssertEqual(Gateway.queryParameters("by=tag%3Aagent&since=2025-03-01T12:00:00+02:00&x"),
                       ["by": "tag:agent", "since": "2025-03-01T12:00:00+02:00", "x": ""])
    }
}
