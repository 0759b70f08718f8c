import Config
import XCTest

/// `policy:`, `knob:` and `reference_cost_usd:` on a configured router.
final class RouterPolicyTests: XCTestCase {
    let base = """
    providers: [{name: a, type: openai}]
    models:
      - name: m
        provider: a

    """

    func testUtilityRouterWithItsKnobAndNoWeights() throws {
        let config = try Fixture.parse(base + """
        routers:
          - name: bench
            policy: utility
            knob: 0.12
            reference_cost_usd: 0.005
            models: [m]
        """)
        let router = try XCTUnwrap(config.routers.first)
        XCTAssertEqual(router.policy, .utility(knob: 0.12, referenceCostUSD: 0.005))
        XCTAssertEqual(router.cost + router.quality + router.latency + router.carbon, 0)
    }

    func testKnobsPerCategory() throws {
        let config = try Fixture.parse(base + """
        routers:
          - name: bench
            policy: utility
            knob: 0.05
            knob_by_category: {code: 0.061, knowledge: 0.0445, reasoning: 0.1167}
        """)
        XCTAssertEqual(config.routers.first?.policy,
                       .utility(knob: 0.05, referenceCostUSD: RouterPolicy.defaultReferenceCostUSD,
                                knobByCategory: ["code": 0.061, "knowledge": 0.0445, "reasoning": 0.1167]))
        assertConfigError(base + "routers:\n  - name: r\n    policy: utility\n    knob_by_category: {poetry: 0.1}\n",
                          code: .unknownKey, line: 8, column: 24, message: "poetry", fix: "knowledge")
        assertConfigError(base + "routers:\n  - name: r\n    policy: utility\n    knob_by_category: {code: -0.1}\n",
                          code: .outOfRange, line: 8, column: 30, message: "0 or more", fix: "code: 0.05")
        assertConfigError(base + "routers:\n  - name: r\n    weights: {cost: 1}\n    knob_by_category: {code: 0.1}\n",
                          code: .conflictingKeys, line: 8, column: 5, message: "only the utility policy", fix: "policy: utility")
    }

    func testDefaultsAreTheSavingsPresetsAndScoringStaysTheDefault() throws {
        let utility = try Fixture.parse(base + "routers:\n  - name: u\n    policy: utility\n")
        XCTAssertEqual(utility.routers.first?.policy,
                       .utility(knob: RouterPolicy.defaultKnob, referenceCostUSD: RouterPolicy.defaultReferenceCostUSD))
        let scoring = try Fixture.parse(base + "routers:\n  - name: s\n    weights: {cost: 1}\n")
        XCTAssertEqual(scoring.routers.first?.policy, .scoring)
    }

    func testBadPoliciesAndKnobsAreRefused() {
        assertConfigError(base + "routers:\n  - name: r\n    policy: cheapest\n",
                          code: .invalidValue, line: 7, column: 13, message: "policy 'cheapest'", fix: "policy: utility")
        assertConfigError(base + "routers:\n  - name: r\n    policy: utility\n    knob: -1\n",
                          code: .outOfRange, line: 8, column: 11, message: "0 or more", fix: "knob: 0.05")
        assertConfigError(base + "routers:\n  - name: r\n    policy: utility\n    reference_cost_usd: 0\n",
                          code: .outOfRange, line: 8, column: 25, message: "above 0", fix: "reference_cost_usd: 0.01")
        assertConfigError(base + "routers:\n  - name: r\n    weights: {cost: 1}\n    knob: 0.1\n",
                          code: .conflictingKeys, line: 8, column: 5, message: "only the utility policy", fix: "policy: utility")
        assertConfigError(base + "routers:\n  - name: r\n    policy: scoring\n",
                          code: .invalidValue, line: 6, column: 11, message: "no weight", fix: "at least one weight")
    }

    func testSavingsIsABuiltInRouterName() {
        assertConfigError(base + "routers:\n  - name: savings\n    policy: utility\n",
                          code: .duplicateName, line: 6, column: 11, message: "built-in router", fix: "savings")
    }
}
