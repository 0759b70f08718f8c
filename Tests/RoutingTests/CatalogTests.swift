import XCTest
@testable import Routing

final class CatalogTests: XCTestCase {
    func testBuiltInLoadsAndEveryEntryIsComplete() throws {
        let catalog = Catalog.builtIn
        XCTAssertGreaterThanOrEqual(catalog.models.count, 40)
        for m in catalog.models {
            XCTAssertFalse(m.id.isEmpty)
            XCTAssertFalse(m.family.isEmpty, m.id)
            XCTAssertFalse(m.host.isEmpty, m.id)
            XCTAssertGreaterThan(m.pricing.inputPerMTok, 0, m.id)
            XCTAssertGreaterThan(m.pricing.outputPerMTok, 0, m.id)
            if let cached = m.pricing.cachedInputPerMTok { XCTAssertLessThan(cached, m.pricing.inputPerMTok, m.id) }
            XCTAssertEqual(m.pricing.readOn.count, 10, "\(m.id) price date \(m.pricing.readOn)")
            XCTAssertGreaterThan(m.contextWindow, 0, m.id)
            XCTAssertGreaterThan(m.maxOutputTokens, 0, m.id)
            XCTAssertLessThanOrEqual(m.maxOutputTokens, m.contextWindow, m.id)
            XCTAssertEqual(m.abilities.byCategory.count, TaskCategory.allCases.count, m.id)
            for q in m.abilities.byCategory { XCTAssert((0...1).contains(q), "\(m.id) quality \(q)") }
            XCTAssertNotNil(m.benchmarks, m.id)
            XCTAssert(["reported", "mixed", "estimated"].contains(m.qualityBasis), "\(m.id) basis \(m.qualityBasis)")
            XCTAssertGreaterThan(m.seedLatency.ttftMs, 0, m.id)
            XCTAssertGreaterThan(m.seedLatency.tokensPerSecond, 0, m.id)
            XCTAssertGreaterThan(m.carbonGramsPer1kTokens, 0, m.id)
            XCTAssertGreaterThanOrEqual(m.reasoningTokenFactor, 1, m.id)
        }
    }

    func testBuiltInCoversProvidersAndDatasetModels() {
        let catalog = Catalog.builtIn
        let families = Set(catalog.models.map(\.family))
        for family in ["openai", "anthropic", "google", "meta", "qwen", "deepseek", "mistral"] {
            XCTAssert(families.contains(family), family)
        }
        // Column names used by the routing datasets resolve to entries.
        for name in ["gpt-4-1106-preview", "gpt4_1106_preview", "claude-v1", "claude-v2", "claude-instant-v1",
                     "gpt-3.5-turbo-1106", "meta/llama-2-70b-chat", "mistralai/mixtral-8x7b-chat",
                     "mistralai/Mixtral-8x7B-Instruct-v0.1", "mistralai/mistral-7b-chat", "zero-one-ai/Yi-34B-Chat",
                     "WizardLM/WizardLM-13B-V1.2", "meta/code-llama-instruct-34b-chat", "claude-2", "claude-instant-1.2"] {
            XCTAssertNotNil(catalog.model(named: name), name)
        }
        XCTAssertEqual(catalog.model(named: "claude-2")?.id, "claude-v2")
        XCTAssertTrue(catalog.model(named: "gpt-4-1106-preview")!.legacy)
        XCTAssertFalse(catalog.model(named: "gpt-5.4-mini")!.legacy)
    }

    func testStrongerModelsRankAboveWeakerOnes() {
        let c = Catalog.builtIn
        XCTAssertGreaterThan(c.model(named: "gpt-4-1106-preview")!.abilities.mean,
                             c.model(named: "mixtral-8x7b-instruct")!.abilities.mean)
        XCTAssertGreaterThan(c.model(named: "claude-opus-4-8")!.abilities[.reasoning],
                             c.model(named: "claude-haiku-4-5")!.abilities[.reasoning])
    }

    func testAbilitiesDeriveFromBenchmarksByTheDocumentedMethod() throws {
        let a = try XCTUnwrap(ModelAbilities(benchmarks: Benchmarks(mmluPro: 80, gpqaDiamond: 60, humanEval: 90, math: 70, arenaElo: 1100)))
        XCTAssertEqual(a[.knowledge], 0.80, accuracy: 1e-12)
        XCTAssertEqual(a[.reasoning], 0.70, accuracy: 1e-12)
        XCTAssertEqual(a[.code], 0.90, accuracy: 1e-12)
        XCTAssertEqual(a[.math], 0.70, accuracy: 1e-12)
        XCTAssertEqual(a[.chat], 0.5, accuracy: 1e-12)
        XCTAssertEqual(a[.creative], 0.5, accuracy: 1e-12)
        XCTAssertEqual(a[.extraction], 0.70, accuracy: 1e-12)
        let partial = try XCTUnwrap(ModelAbilities(benchmarks: Benchmarks(mmluPro: 60, humanEval: 80)))
        XCTAssertEqual(partial[.math], partial.mean, accuracy: 1e-9)
        XCTAssertNil(ModelAbilities(benchmarks: Benchmarks()))
    }

    func testCarbonEstimateGrowsWithActiveParameters() {
        let small = Catalog.carbonGramsPer1k(activeParamsB: 8)
        let large = Catalog.carbonGramsPer1k(activeParamsB: 250)
        XCTAssertLessThan(small, large)
        // 70B: (0.0035*70+0.05)*1.15 J = 0.339 J/token -> 0.0942 Wh per 1k -> 0.0377 g at 0.40 g/Wh.
        XCTAssertEqual(Catalog.carbonGramsPer1k(activeParamsB: 70), 0.03769, accuracy: 1e-4)
    }

    func testMergingPatchesAnExistingEntry() throws {
        var override = CatalogOverride(id: "gpt-4o-mini")
        override.inputPerMTok = 0.12
        override.quality = [.code: 0.5]
        let merged = try Catalog.builtIn.merging([override])
        let model = try XCTUnwrap(merged.model(named: "gpt-4o-mini"))
        XCTAssertEqual(model.pricing.inputPerMTok, 0.12)
        XCTAssertEqual(model.pricing.outputPerMTok, 0.60)
        XCTAssertEqual(model.abilities[.code], 0.5)
        XCTAssertEqual(model.abilities[.knowledge], Catalog.builtIn.model(named: "gpt-4o-mini")!.abilities[.knowledge])
        XCTAssertEqual(merged.models.count, Catalog.builtIn.models.count)
    }

    func testMergingAddsANewCompleteEntryAndRejectsAnIncompleteOne() throws {
        var new = CatalogOverride(id: "house-model")
        new.inputPerMTok = 0.3
        new.outputPerMTok = 0.9
        new.contextWindow = 32_000
        new.maxOutputTokens = 4_000
        new.quality = [.chat: 0.7, .code: 0.6]
        new.capabilities = [.tools]
        let merged = try Catalog.builtIn.merging([new])
        let model = try XCTUnwrap(merged.model(named: "house-model"))
        XCTAssertEqual(model.abilities[.math], 0.65, accuracy: 1e-12)
        XCTAssertEqual(model.capabilities, [.tools])

        var incomplete = CatalogOverride(id: "half-model")
        incomplete.inputPerMTok = 1
        XCTAssertThrowsError(try Catalog.builtIn.merging([incomplete])) { error in
            XCTAssertEqual((error as? CatalogError)?.code, .incompleteEntry)
        }
    }

    func testDuplicateNamesAreRejected() {
        let a = Fixtures.model("x", input: 1, output: 1, quality: 0.5, context: 10, maxOutput: 5, caps: [], ttft: 1, tps: 1, activeB: 1)
        XCTAssertThrowsError(try Catalog(models: [a, a])) { error in
            XCTAssertEqual((error as? CatalogError)?.code, .duplicateID)
        }
    }

    func testDecodeReportsMissingAndInvalidFields() {
        let missing = #"{"models": [{"id": "m", "family": "f", "price": {"in": 1, "out": 2, "read": "2026-01-01"}}]}"#
        XCTAssertThrowsError(try Catalog.decode(missing)) { XCTAssertEqual(($0 as? CatalogError)?.code, .missingField) }
        let badCap = #"{"models": [{"id": "m", "family": "f", "price": {"in": 1, "out": 2, "read": "2026-01-01"}, "context": 10, "max_output": 5, "caps": ["telepathy"], "quality": {"chat": 0.5}, "ttft_ms": 1, "tps": 1, "active_b": 1}]}"#
        XCTAssertThrowsError(try Catalog.decode(badCap)) { XCTAssertEqual(($0 as? CatalogError)?.code, .invalidField) }
        XCTAssertThrowsError(try Catalog.decode("{")) { XCTAssertEqual(($0 as? CatalogError)?.code, .invalidJSON) }
        let ok = #"{"models": [{"id": "m", "family": "f", "price": {"in": 1, "out": 2, "read": "2026-01-01"}, "context": 10, "max_output": 5, "caps": ["tools"], "quality": {"chat": 0.5}, "ttft_ms": 1, "tps": 1, "active_b": 1}]}"#
        XCTAssertEqual(try Catalog.decode(ok).model(named: "m")?.abilities[.code], 0.5)
    }
}
