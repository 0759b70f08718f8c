import XCTest
@testable import Sim
import HTTP1

/// Fault settings per model and per request, without sockets.
final class SimFaultPlanTests: XCTestCase {
    private func plan(_ faults: SimFaults = .none, headers: Headers = Headers(), seed: UInt64 = 1) throws -> SimFaultPlan {
        var injector = FaultInjector(rate: 0, status: 500, seed: seed)
        let timing = try SimTiming(options: SimOptions(), headers: headers)
        return try SimFaultPlan(faults: faults, timing: timing, headers: headers, injector: &injector)
    }

    func testModelFaultsMatchExactNamesThenTheLongestPrefix() {
        let failing = SimFaults(failRate: 1, failStatus: 503)
        let resetting = SimFaults(resetRate: 1)
        var options = SimOptions(failRate: 0.5, failStatus: 500)
        options.modelFaults = ["primary-*": failing, "primary-eu-*": resetting, "backup": .none]
        XCTAssertEqual(options.faults(forModel: "primary-us"), failing)
        XCTAssertEqual(options.faults(forModel: "primary-eu-1"), resetting)
        XCTAssertEqual(options.faults(forModel: "backup"), SimFaults.none)
        XCTAssertEqual(options.faults(forModel: "other"), SimFaults(failRate: 0.5, failStatus: 500))
        XCTAssertEqual(options.faults(forModel: "primary"), options.faults, "a prefix pattern needs its prefix")
    }

    func testFailOptionsStillReadAndWriteTheGlobalFaults() {
        var options = SimOptions(failRate: 0.25, failStatus: 429, retryAfter: 3)
        XCTAssertEqual(options.faults, SimFaults(failRate: 0.25, failStatus: 429, retryAfter: 3))
        options.failRate = 7
        XCTAssertEqual(options.faults.failRate, 1)
        XCTAssertEqual(SimFaults(resetRate: -2, stallRate: .nan, malformedRate: 4),
                       SimFaults(resetRate: 0, stallRate: 0, malformedRate: 1))
    }

    func testHeadersForceEachFault() throws {
        let forced = try plan(headers: ["x-sim-reset": "3", "x-sim-stall-ms": "250", "x-sim-stall-after-chunks": "2",
                                        "x-sim-drip-ms": "15", "x-sim-malformed": "4"])
        XCTAssertEqual(forced, SimFaultPlan(resetAt: 3, stallMs: 250, stallAt: 2, dripMs: 15, malformedAt: 4))
        XCTAssertEqual(try plan(headers: ["x-sim-reset": "before"]).resetAt, 0)
        XCTAssertEqual(try plan(headers: ["x-sim-fail-status": "429"]), SimFaultPlan(failStatus: 429, retryAfter: 1))
    }

    func testUnusableFaultHeaderIsA400NamingIt() {
        for (name, value) in [("x-sim-reset", "later"), ("x-sim-stall-ms", "-5"), ("x-sim-stall-after-chunks", "x"),
                              ("x-sim-drip-ms", "1.5"), ("x-sim-malformed", "yes")] {
            XCTAssertThrowsError(try plan(headers: [name: value])) { error in
                XCTAssertEqual((error as? SimError)?.status, 400)
                XCTAssertEqual((error as? SimError)?.param, name)
            }
        }
    }

    func testRatesAreDrawnFromTheSeed() throws {
        let faults = SimFaults(failRate: 0.2, failStatus: 503, resetRate: 0.3, resetAfterChunks: 2,
                               stallMs: 100, malformedRate: 0.1)
        func run(_ seed: UInt64) throws -> [SimFaultPlan] {
            var injector = FaultInjector(rate: 0, status: 500, seed: seed)
            let timing = SimTiming(ttftMs: 0, tokensPerSecond: 0)
            return try (0..<1_000).map { _ in
                try SimFaultPlan(faults: faults, timing: timing, headers: Headers(), injector: &injector)
            }
        }
        let plans = try run(5)
        XCTAssertEqual(plans, try run(5))
        XCTAssertNotEqual(plans, try run(6))
        XCTAssertEqual(Double(plans.filter { $0.failStatus == 503 }.count) / 1_000, 0.2, accuracy: 0.04)
        XCTAssertEqual(Double(plans.filter { $0.resetAt == 2 }.count) / 1_000, 0.3, accuracy: 0.04)
        XCTAssertEqual(Double(plans.filter { $0.malformedAt == 1 }.count) / 1_000, 0.1, accuracy: 0.03)
        XCTAssertTrue(plans.allSatisfy { $0.stallMs == 100 }, "stall rate 1 by default")
    }

    func testStallAndDripShiftTheSchedule() {
        let timing = SimTiming(ttftMs: 100, tokensPerSecond: 0)
        let plan = SimFaultPlan(stallMs: 500, stallAt: 2, dripMs: 10)
        XCTAssertEqual((0..<4).map { plan.dueMs(piece: $0, timing: timing) }, [100, 110, 620, 630])
        XCTAssertEqual(plan.totalMs(pieces: 4, timing: timing), 100 + 40 + 500)
        XCTAssertEqual(SimFaultPlan(stallMs: 300).dueMs(piece: 0, timing: timing), 400, "a stall before the first byte")
    }
}
