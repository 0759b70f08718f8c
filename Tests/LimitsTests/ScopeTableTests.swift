import XCTest
@testable import Limits

final class ScopeTableTests: XCTestCase {
    /// Random inserts, removals and lookups agree with a dictionary, also when every scope falls
    /// into a handful of probe runs (forced hash collisions exercise backward-shift deletion).
    func testAgreesWithDictionaryUnderCollisions() {
        for collisionClasses in [4, 1 << 20] {
            var rng = SeededGenerator(seed: UInt64(collisionClasses))
            var table = ScopeTable<Int>()
            var model: [Scope: Int] = [:]
            let universe = (0 ..< 600).map { i in
                Scope(.key, "k\(i)", hash: Int.random(in: 0 ..< collisionClasses, using: &rng) &* 0x1_0001)
            }
            for step in 0 ..< 6_000 {
                let scope = universe.randomElement(using: &rng)!
                let found = table.find(scope)
                XCTAssertEqual(found.map { table[$0] }, model[scope], "step \(step)")
                if let found, Bool.random(using: &rng) {
                    table.remove(entry: found)
                    model[scope] = nil
                } else if found == nil {
                    _ = table.insert(scope, step)
                    model[scope] = step
                } else if let found {
                    table.update(found) { $0 += 1 }
                    model[scope]! += 1
                }
                XCTAssertEqual(table.count, model.count)
            }
            for scope in universe { XCTAssertEqual(table.find(scope).map { table[$0] }, model[scope]) }
            table.compact()
            XCTAssertEqual(table.slabSize, model.count)
            for scope in universe { XCTAssertEqual(table.find(scope).map { table[$0] }, model[scope]) }
        }
    }

    func testSlotsAreReusedAndCompactionShrinks() {
        var table = ScopeTable<Int>()
        let scopes = (0 ..< 10_000).map { Scope.key("key-\($0)") }
        for (i, scope) in scopes.enumerated() { _ = table.insert(scope, i) }
        for scope in scopes.dropFirst(100) { table.remove(entry: table.find(scope)!) }
        XCTAssertEqual(table.count, 100)
        XCTAssertTrue(table.isSparse)
        _ = table.insert(.team("t"), -1)
        XCTAssertEqual(table.slabSize, 10_000, "a freed place is reused")
        table.compact()
        XCTAssertEqual(table.slabSize, 101)
        XCTAssertLessThanOrEqual(table.index.count, 256)
        XCTAssertEqual(table.find(scopes[42]).map { table[$0] }, 42)
        XCTAssertEqual(table.find(.team("t")).map { table[$0] }, -1)
    }

    func testScopeEqualityAndNames() {
        XCTAssertEqual(Scope.tag("agent", "triage"), Scope(.tag, "agent=triage"))
        XCTAssertNotEqual(Scope.key("a"), Scope.team("a"))
        XCTAssertEqual(Set([Scope.key("a"), .key("a"), .team("a")]).count, 2)
        XCTAssertEqual(Scope.deployment("openai/gpt-4o").description, "deployment:openai/gpt-4o")
    }
}
