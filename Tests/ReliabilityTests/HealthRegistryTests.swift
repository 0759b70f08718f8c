import XCTest
@testable import Reliability

final class HealthRegistryTests: XCTestCase {
    let policy = BreakerPolicy(failureThreshold: 2, cooldownMs: 1_000)

    private func open(_ registry: HealthRegistry, _ target: HealthTarget, at now: UInt64) {
        for _ in 0..<2 { registry.record(target, .failure, permit: .normal, now: now) }
    }

    func testUnknownTargetsAreClosedAndUntracked() {
        let registry = HealthRegistry()
        XCTAssertEqual(registry.state(.deployment("a"), now: 0), .closed)
        XCTAssertEqual(registry.acquire(.deployment("a"), now: 0), .normal)
        registry.record(.deployment("a"), .neutral, permit: .normal, now: 0)
        XCTAssertTrue(registry.snapshot(now: 0).isEmpty)
    }

    func testBestAvailableSkipsOpenAndFallsBackToTheSoonest() {
        let registry = HealthRegistry(deploymentPolicy: policy)
        let targets: [HealthTarget] = [.deployment("a"), .deployment("b"), .deployment("c")]
        XCTAssertEqual(registry.bestAvailable(targets, now: 0)?.index, 0)
        open(registry, targets[0], at: 0)
        XCTAssertEqual(registry.bestAvailable(targets, now: 10)?.index, 1)
        XCTAssertEqual(registry.bestAvailable(targets, now: 10)?.forced, false)
        open(registry, targets[1], at: 5)
        open(registry, targets[2], at: 3)
        let best = registry.bestAvailable(targets, now: 10)
        XCTAssertEqual(best?.index, 0, "every one open: the one whose cooldown ends first")
        XCTAssertEqual(best?.forced, true)
        XCTAssertEqual(registry.acquire(targets[0], now: 10, force: true), .probe)
        XCTAssertNil(registry.bestAvailable([], now: 0))
    }

    func testSnapshotAndRetain() {
        let registry = HealthRegistry(deploymentPolicy: policy, keyPolicy: policy)
        open(registry, .deployment("a"), at: 100)
        registry.record(.key("p#0"), .success, permit: .normal, now: 100)
        let snapshot = registry.snapshot(now: 400)
        XCTAssertEqual(snapshot.map(\.target), [.deployment("a"), .key("p#0")])
        XCTAssertEqual(snapshot[0].state, .open)
        XCTAssertEqual(snapshot[0].retryInMs, 700)
        XCTAssertEqual(snapshot[0].openings, 1)
        XCTAssertEqual(snapshot[0].state.gaugeValue, 2)
        XCTAssertEqual(snapshot[1].windowCalls, 1)
        registry.retain([.key("p#0")])
        XCTAssertEqual(registry.snapshot(now: 400).map(\.target), [.key("p#0")])
    }
}
