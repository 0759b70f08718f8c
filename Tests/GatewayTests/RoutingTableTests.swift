import Config
import Routing
import XCTest
@testable import Gateway

/// The bridge from configured routers to Routing's rules.
final class RoutingTableTests: XCTestCase {
    func testConfigKnowsExactlyRoutingsTaskCategories() {
        // Config spells the names out (it is read without Routing); `RoutingTable.rule` drops a
        // name Routing does not know, so the two lists must not drift apart.
        XCTAssertEqual(RouterPolicy.categoryNames, TaskCategory.allCases.map(\.rawValue))
    }

    func testUtilityPolicyBecomesTheRuleWithItsCategoryKnobs() {
        let rule = RoutingTable.rule(.utility(knob: 0.05, referenceCostUSD: 0.01, knobByCategory: ["code": 0.06]))
        XCTAssertEqual(rule, .utility(UtilityRule(knob: 0.05, referenceCostUSD: 0.01, knobByCategory: [.code: 0.06])))
        XCTAssertEqual(RoutingTable.rule(.scoring), .scoring)
    }

    func testRoutersThatSetTimeoutsAreKeptByIdAndTheirPicksCarryThem() throws {
        var hasty = UpstreamTimeouts.default
        hasty.firstByteMs = 300
        let provider = ProviderConfig(name: "p", type: .openAICompatible, baseURL: "http://127.0.0.1:1", apiKeys: ["k"])
        let model = ModelConfig(name: "gpt-4o-mini", provider: "p")
        let config = GatewayConfig(providers: [provider], models: [model], routers: [
            RouterEntry(name: "hasty", cost: 1, quality: 0, latency: 0, carbon: 0, models: ["gpt-4o-mini"], timeouts: hasty),
            RouterEntry(name: "plain", cost: 1, quality: 0, latency: 0, carbon: 0, models: ["gpt-4o-mini"]),
        ])
        let table = try RoutingTable(config: config)
        XCTAssertEqual(table.timeoutsByRouter, ["hasty": hasty])
        let picked = Deployment(model: model, provider: provider).with(timeouts: hasty)
        XCTAssertEqual(picked.timeouts(streaming: false).firstByteMs, 300)
        XCTAssertEqual(Deployment(model: model, provider: provider).timeouts(streaming: false).firstByteMs, 600_000)
    }
}
