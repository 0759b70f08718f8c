import Config
import XCTest

/// The `reliability:` section, its per-model and per-router overrides, and `key_selection`.
final class ReliabilitySectionTests: XCTestCase {
    let base = """
    providers:
      - name: a
        type: openai
        api_keys: ["sk-aaaaaaaaaaaaaaaa", "sk-bbbbbbbbbbbbbbbb"]
      - name: b
        type: anthropic
        api_key: sk-ant-cccccccccccc
    models:
      - name: m
        provider: a

    """

    func testDefaultsWhenAbsent() throws {
        let config = try Fixture.parse(base)
        XCTAssertEqual(config.reliability, .default)
        XCTAssertEqual(config.reliability.retry, RetrySettings(maxAttempts: 4, baseBackoffMs: 50, maxBackoffMs: 2_000, timeLimitMs: 60_000))
        XCTAssertEqual(config.reliability.breaker.failures, 5)
        XCTAssertEqual(config.reliability.keyBreaker.cooldownMs, 10_000)
        XCTAssertNil(config.models[0].retry)
        XCTAssertNil(config.models[0].breaker)
        XCTAssertEqual(config.providers[0].keySelection, .weightedRoundRobin)
    }

    func testGlobalSettingsAndOverridesMergeWithTheirDefaults() throws {
        let config = try Fixture.parse("""
        reliability:
          retry: {max_attempts: 3, base_backoff_ms: 0, max_backoff_ms: 500, time_limit_ms: 20000}
          breaker: {failures: 2, window_ms: 10000, error_rate: 0.25, minimum_requests: 8, cooldown_ms: 1500}
          key_breaker: {failures: 4}
        providers:
          - name: a
            type: openai
            api_key: sk-aaaaaaaaaaaaaaaa
            key_selection: least_used
        models:
          - name: m
            provider: a
            retry: {max_attempts: 1}
            breaker: {cooldown_ms: 700}
          - name: n
            provider: a
        routers:
          - name: r
            weights: {cost: 1}
            models: [m, n]
            retry: {time_limit_ms: 5000}
        """)
        let reliability = config.reliability
        XCTAssertEqual(reliability.retry, RetrySettings(maxAttempts: 3, baseBackoffMs: 0, maxBackoffMs: 500, timeLimitMs: 20_000))
        XCTAssertEqual(reliability.breaker, BreakerSettings(failures: 2, windowMs: 10_000, errorRate: 0.25, minimumRequests: 8, cooldownMs: 1_500))
        XCTAssertEqual(reliability.keyBreaker, BreakerSettings(failures: 4, windowMs: 30_000, errorRate: 0.5, minimumRequests: 20, cooldownMs: 10_000))
        XCTAssertEqual(config.providers[0].keySelection, .leastUsed)
        // A model's override starts from the global settings, not the built-in ones.
        XCTAssertEqual(config.models[0].retry, RetrySettings(maxAttempts: 1, baseBackoffMs: 0, maxBackoffMs: 500, timeLimitMs: 20_000))
        XCTAssertEqual(config.models[0].breaker, BreakerSettings(failures: 2, windowMs: 10_000, errorRate: 0.25, minimumRequests: 8, cooldownMs: 700))
        XCTAssertNil(config.models[1].retry)
        XCTAssertEqual(config.routers[0].retry, RetrySettings(maxAttempts: 3, baseBackoffMs: 0, maxBackoffMs: 500, timeLimitMs: 5_000))
    }

    func testInvalidRetrySettingsNameTheirLine() {
        assertConfigError(base + "reliability:\n  retry: {max_attempts: 0}\n", code: .outOfRange, line: 12, column: 25,
                          message: "'max_attempts' in the retry settings of reliability must be greater than zero", fix: "positive")
        assertConfigError(base + "reliability:\n  retry:\n    base_backoff_ms: 3000\n", code: .outOfRange, line: 13, column: 22,
                          message: "the base backoff (3000 ms) in the retry settings of reliability is longer than the maximum backoff (2000 ms)",
                          fix: "raise max_backoff_ms to at least 3000")
        assertConfigError(base + "reliability:\n  retry: {max_attemps: 2}\n", code: .unknownKey, line: 12, column: 11,
                          message: "unknown key 'max_attemps'", fix: "did you mean 'max_attempts'?")
        assertConfigError(base + "reliability:\n  retry: {cooldown_ms: 2}\n", code: .unknownKey, line: 12, column: 11,
                          message: "unknown key 'cooldown_ms'", fix: "move it under breaker:")
        assertConfigError(base + "retry: {max_attempts: 2}\n", code: .unknownKey, line: 11, column: 1,
                          message: "unknown key 'retry'", fix: "move it under reliability:")
    }

    func testInvalidBreakerSettingsNameTheirLine() {
        assertConfigError(base + "reliability:\n  breaker: {error_rate: 0}\n", code: .outOfRange, line: 12, column: 25,
                          message: "'error_rate' in the breaker settings of reliability must be above 0", fix: "(0, 1]")
        assertConfigError(base + "reliability:\n  breaker: {error_rate: 1.5}\n", code: .outOfRange, line: 12, column: 25,
                          message: "must be between 0 and 1", fix: "error_rate")
        assertConfigError(base + "reliability:\n  key_breaker: {window_ms: 5}\n", code: .outOfRange, line: 12, column: 28,
                          message: "'window_ms' in the key_breaker settings of reliability must be at least 10 ms", fix: "30000")
        assertConfigError(base + "reliability:\n  breaker: {cooldown_ms: soon}\n", code: .wrongType, line: 12, column: 26,
                          message: "must be a whole number of milliseconds", fix: "cooldown_ms: 5000")
    }

    func testModelAndRouterOverridesAreValidatedInPlace() {
        let models = base.replacingOccurrences(of: "    provider: a\n", with: "    provider: a\n    retry: {base_backoff_ms: 9000}\n")
        assertConfigError(models, code: .outOfRange, line: 11, column: 30,
                          message: "in the retry settings of model 'm'", fix: "max_backoff_ms")
        let router = base + "routers:\n  - name: r\n    weights: {cost: 1}\n    breaker: {failures: 1}\n"
        assertConfigError(router, code: .unknownKey, line: 14, column: 5, message: "unknown key 'breaker' in router 'r'", fix: "remove it")
    }

    func testTwoModelsMayNotGiveOneDeploymentDifferentBreakers() {
        let yaml = base + """
          - name: m-again
            provider: a
            upstream_model: m
            breaker: {failures: 9}

        """
        XCTAssertNoThrow(try Fixture.parse(yaml), "one model's breaker applies to the shared deployment")
        let clash = yaml.replacingOccurrences(of: "  - name: m\n    provider: a\n", with: "  - name: m\n    provider: a\n    breaker: {failures: 2}\n")
        assertConfigError(clash, code: .conflictingKeys, line: 15, column: 14,
                          message: "model 'm-again' gives deployment 'a/m' a breaker different from the one model 'm' gives it at line 11",
                          fix: "the same breaker settings")
    }

    func testKeySelectionAndRepeatedKeys() {
        let selection = base.replacingOccurrences(of: "    type: anthropic\n", with: "    type: anthropic\n    key_selection: least-used\n")
        assertConfigError(selection, code: .invalidValue, line: 7, column: 20,
                          message: "'key_selection' in provider 'b' is 'least-used', not a key selection", fix: "did you mean 'least_used'?")
        let repeated = base.replacingOccurrences(of: "\"sk-bbbbbbbbbbbbbbbb\"", with: "{key: \"sk-aaaaaaaaaaaaaaaa\", weight: 2}")
        assertConfigError(repeated, code: .duplicateKey, line: 4, column: 45, message: "is listed twice (first at line 4)", fix: "weight: 2")
        XCTAssertFalse(Fixture.error(repeated)!.description.contains("sk-aaaa"), "the message never quotes the key")
    }
}
