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
}
