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

    func testRetainForgetsRemovedTargetsOfBothScopes() {
        let registry = HealthRegistry(deploymentPolicy: policy, keyPolicy: policy)
        for target in [HealthTarget.deployment("kept"), .deployment("gone"), .key("p#kept"), .key("p#gone")] {
            open(registry, target, at: 0)
        }
        registry.retain([.deployment("kept"), .key("p#kept"), .deployment("never-seen")])
        XCTAssertEqual(registry.snapshot(now: 10).map(\.target), [.deployment("kept"), .key("p#kept")])
        XCTAssertEqual(registry.state(.deployment("kept"), now: 10), .open, "kept targets keep their state")
        XCTAssertEqual(registry.state(.deployment("gone"), now: 10), .closed)
        XCTAssertTrue(registry.allows(.key("p#gone"), now: 10), "a pruned key starts afresh if it comes back")
    }

    func testConfigureSetsPoliciesAndOverridesAndResetsOnlyChangedBreakers() {
        let registry = HealthRegistry(deploymentPolicy: policy, keyPolicy: policy)
        open(registry, .deployment("a"), at: 0)
        open(registry, .deployment("b"), at: 0)
        let strict = BreakerPolicy(failureThreshold: 1, cooldownMs: 3_000)
        registry.configure(deploymentPolicy: policy, keyPolicy: strict, overrides: [.deployment("b"): strict])
        XCTAssertEqual(registry.policy(for: .deployment("a")), policy)
        XCTAssertEqual(registry.policy(for: .deployment("b")), strict)
        XCTAssertEqual(registry.policy(for: .key("p#0")), strict)
        XCTAssertEqual(registry.state(.deployment("a"), now: 10), .open, "an unchanged policy keeps what its breaker learned")
        XCTAssertEqual(registry.state(.deployment("b"), now: 10), .closed, "a changed policy starts its breaker afresh")
        registry.record(.deployment("b"), .failure, permit: .normal, now: 20)
        XCTAssertEqual(registry.state(.deployment("b"), now: 20), .open, "the override's one failure opens it")
        XCTAssertEqual(registry.snapshot(now: 20).first { $0.target == .deployment("b") }?.retryInMs, 3_000)
        registry.record(.key("p#0"), .failure, permit: .normal, now: 20)
        XCTAssertEqual(registry.state(.key("p#0"), now: 20), .open, "new key breakers use the key policy")
    }
}
