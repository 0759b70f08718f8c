import Config
import XCTest
@testable import Gateway
import HTTP
import Loop
import Reliability

/// Reliability settings as the gateway applies them: policies from the configuration, provider
/// key ids, and health pruned on reload.
final class GatewayReliabilityTests: XCTestCase {
    func testProviderKeyIDsAreShortDigestsNeverTheKey() {
        let id = Gateway.keyID(provider: "openai", key: APIKey("sk-proj-abcdefghijklmnopqrstuvwxyz0123456789"))
        XCTAssertEqual(id, Gateway.keyID(provider: "openai", key: APIKey("sk-proj-abcdefghijklmnopqrstuvwxyz0123456789")))
        XCTAssertNotEqual(id, Gateway.keyID(provider: "openai", key: APIKey("sk-proj-abcdefghijklmnopqrstuvwxyz012345678X")))
        XCTAssertTrue(id.hasPrefix("openai#"))
        let digest = id.dropFirst("openai#".count)
        XCTAssertEqual(digest.count, 8)
        XCTAssertTrue(digest.allSatisfy(\.isHexDigit), id)
        XCTAssertFalse(id.contains("sk-"), id)
    }

    func testConfiguredPoliciesReachRetriesBreakersAndKeyPools() async throws {
        try await EventLoop.shared.spawn { () async throws in
            let harness = try GatewayHarness.start()
            defer { harness.stop() }
            let gateway = harness.gateway
            XCTAssertEqual(gateway.policies.retry(for: "gpt-4o-mini"), RetryPolicy(), "built-in defaults without a section")
            XCTAssertEqual(gateway.health.deploymentPolicy, BreakerPolicy())
            var config = gateway.config
            config = GatewayConfig(
                listen: config.listen, dataDir: config.dataDir,
                providers: config.providers.map { provider in
                    var provider = provider
                    provider.keySelection = .leastUsed
                    return provider
                },
                models: config.models.map { model in
                    var model = model
                    if model.name == "small" {
                        model.retry = RetrySettings(maxAttempts: 1, baseBackoffMs: 10, maxBackoffMs: 20, timeLimitMs: 1_000)
                        model.breaker = BreakerSettings(failures: 1, windowMs: 1_000, errorRate: 1, minimumRequests: 2, cooldownMs: 400_000)
                    }
                    return model
                },
                routers: [RouterEntry(name: "r", cost: 1, quality: 0, latency: 0, carbon: 0, models: ["gpt-4o-mini"],
                                      retry: RetrySettings(maxAttempts: 2, baseBackoffMs: 0, maxBackoffMs: 1, timeLimitMs: 50))],
                reliability: ReliabilitySettings(
                    retry: RetrySettings(maxAttempts: 6, baseBackoffMs: 100, maxBackoffMs: 800, timeLimitMs: 9_000),
                    breaker: BreakerSettings(failures: 7, windowMs: 20_000, errorRate: 0.3, minimumRequests: 40, cooldownMs: 2_500),
                    keyBreaker: .key))
            gateway.apply(config)
            let global = gateway.policies.retry(for: "gpt-4o-mini")
            XCTAssertEqual([global.maxAttempts, Int(global.baseDelayMs), Int(global.maxDelayMs), Int(global.budgetMs)], [6, 100, 800, 9_000])
            XCTAssertEqual(gateway.policies.retry(for: "tiny").maxAttempts, 1, "an alias has its model's policy")
            XCTAssertEqual(gateway.policies.retry(for: "r").budgetMs, 50)
            let breaker = gateway.health.policy(for: .deployment("sim/gpt-4o-mini"))
            XCTAssertEqual(breaker.failureThreshold, 7)
            XCTAssertEqual(breaker.windowMs, 20_000)
            XCTAssertEqual(breaker.errorRate, 0.3)
            XCTAssertEqual(breaker.minimumVolume, 40)
            XCTAssertEqual(breaker.cooldownMs, 2_500)
            let small = gateway.health.policy(for: .deployment("sim/sim-small-v2"))
            XCTAssertEqual(small.failureThreshold, 1)
            XCTAssertEqual(small.cooldownMs, 400_000)
            XCTAssertNoThrow(try small.validate(), "a cooldown above the built-in ceiling raises the ceiling")
            XCTAssertEqual(gateway.keyPools["sim"]?.selection, .leastUsed)
        }.value
    }

    func testReloadPrunesHealthOfRemovedDeploymentsAndKeys() async throws {
        let (before, after, metrics) = try await EventLoop.shared.spawn { () async throws -> ([HealthTarget], [HealthTarget], String) in
            let harness = try GatewayHarness.start()
            defer { harness.stop() }
            for model in ["gpt-4o-mini", "small"] {
                _ = try await harness.post(#"{"model":"\#(model)","messages":[{"role":"user","content":"echo:hi"}]}"#)
            }
            let gateway = harness.gateway
            let before = gateway.health.snapshot(now: EventLoop.shared.now).map(\.target)
            let old = gateway.config
            var provider = old.providers[0]
            provider.apiKeys = ["sk-test-rotated-key"]
            gateway.apply(GatewayConfig(listen: old.listen, dataDir: old.dataDir, providers: [provider],
                                        models: old.models.filter { $0.name != "small" }))
            let after = gateway.health.snapshot(now: EventLoop.shared.now).map(\.target)
            return (before, after, try await harness.get("/metrics").1)
        }.value
        let oldKey = HealthTarget.key(Gateway.keyID(provider: "sim", key: "sk-test-upstream"))
        XCTAssertEqual(Set(before), [.deployment("sim/gpt-4o-mini"), .deployment("sim/sim-small-v2"), oldKey])
        XCTAssertEqual(after, [.deployment("sim/gpt-4o-mini")], "the removed model's deployment and the replaced key are forgotten")
        XCTAssertTrue(metrics.contains(#"switchyard_circuit_state{target="deployment:sim/gpt-4o-mini"} 0"#), metrics)
        XCTAssertFalse(metrics.contains("sim-small-v2"), metrics)
        XCTAssertFalse(metrics.contains(oldKey.id), metrics)
    }
}
