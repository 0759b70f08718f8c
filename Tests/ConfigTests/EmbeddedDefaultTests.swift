import Config
import XCTest

final class EmbeddedDefaultTests: XCTestCase {
    func testWithoutKeysUsesTheSimulator() throws {
        for environment in [[:], ["OPENAI_API_KEY": ""], ["ANTHROPIC_API_KEY": "  "], ["UNRELATED": "x"]] {
            let fallback = GatewayConfig.embeddedDefault(environment: environment)
            XCTAssertTrue(fallback.simulated, "\(environment)")
            XCTAssertEqual(fallback.config.providers.count, 1)
        }
        let fallback = GatewayConfig.embeddedDefault(environment: [:])
        let config = fallback.config
        XCTAssertEqual(config.listen, ListenAddress(host: "127.0.0.1", port: 8080))
        XCTAssertEqual(config.dataDir, "./switchyard-data")
        let sim = try XCTUnwrap(config.provider(named: "sim"))
        XCTAssertEqual(sim.type, .openAICompatible)
        XCTAssertEqual(sim.baseURL, GatewayConfig.simulatorPlaceholderURL)
        XCTAssertEqual(sim.apiKeys, [])
        XCTAssertEqual(config.models.map(\.name), ["gpt-4o-mini", "gpt-4o", "claude-haiku-4-5", "gemini-2.5-flash"])
        XCTAssertTrue(config.models.allSatisfy { $0.provider == "sim" })
    }

    func testWithSimulatorReplacesOnlyThePlaceholder() {
        let fallback = GatewayConfig.embeddedDefault(environment: [:]).withSimulator(baseURL: "http://127.0.0.1:54321/v1/")
        XCTAssertTrue(fallback.simulated)
        XCTAssertEqual(fallback.config.provider(named: "sim")?.baseURL, "http://127.0.0.1:54321/v1")
        XCTAssertEqual(fallback.config.model(named: "gpt-4o")?.provider, "sim")

        let real = GatewayConfig.embeddedDefault(environment: ["OPENAI_API_KEY": "sk-real-key-123456"])
        XCTAssertEqual(real.config.withSimulator(baseURL: "http://127.0.0.1:1/v1"), real.config)
    }

    func testEachKeyAddsItsProvider() throws {
        let cases: [(variable: String, type: ProviderType, baseURL: String, models: [String])] = [
            ("OPENAI_API_KEY", .openAI, "https://api.openai.com/v1", ["gpt-4o-mini", "gpt-4o", "gpt-4.1-mini"]),
            ("ANTHROPIC_API_KEY", .anthropic, "https://api.anthropic.com", ["claude-sonnet-4-5", "claude-haiku-4-5"]),
            ("GEMINI_API_KEY", .gemini, "https://generativelanguage.googleapis.com", ["gemini-2.5-flash", "gemini-2.5-pro"]),
        ]
        for item in cases {
            let fallback = GatewayConfig.embeddedDefault(environment: [item.variable: " key-for-\(item.variable) "])
            XCTAssertFalse(fallback.simulated)
            let provider = try XCTUnwrap(fallback.config.providers.first)
            XCTAssertEqual(fallback.config.providers.count, 1)
            XCTAssertEqual(provider.name, item.type.rawValue)
            XCTAssertEqual(provider.type, item.type)
            XCTAssertEqual(provider.baseURL, item.baseURL)
            XCTAssertEqual(provider.apiKeys.map(\.secret), ["key-for-\(item.variable)"])
            XCTAssertEqual(fallback.config.models.map(\.name), item.models)
            XCTAssertTrue(fallback.config.models.allSatisfy { $0.provider == provider.name })
        }
    }

    func testAllKeysTogether() {
        let fallback = GatewayConfig.embeddedDefault(environment: [
            "OPENAI_API_KEY": "a", "ANTHROPIC_API_KEY": "b", "GEMINI_API_KEY": "c",
        ])
        XCTAssertFalse(fallback.simulated)
        XCTAssertEqual(fallback.config.providers.map(\.name), ["openai", "anthropic", "gemini"])
        XCTAssertEqual(fallback.config.models.count, 7)
        XCTAssertEqual(fallback.config.model(named: "claude-haiku-4-5")?.provider, "anthropic")
        XCTAssertNil(fallback.config.provider(named: "sim"))
    }

    func testStartupSummary() {
        let simulated = GatewayConfig.embeddedDefault(environment: [:]).config
        XCTAssertEqual(
            simulated.startupSummary,
            "listening on 127.0.0.1:8080; providers: sim (openai-compatible, no keys); "
                + "models: gpt-4o-mini, gpt-4o, claude-haiku-4-5, gemini-2.5-flash"
        )
        let config = GatewayConfig(
            listen: ListenAddress(host: "::1", port: 9000),
            providers: [ProviderConfig(name: "openai", type: .openAI, baseURL: "https://api.openai.com/v1",
                                       apiKeys: ["sk-secret-one-0000", "sk-secret-two-0000"])],
            models: [ModelConfig(name: "gpt-4o-mini", provider: "openai", aliases: ["mini"])]
        )
        XCTAssertEqual(
            config.startupSummary,
            "listening on [::1]:9000; providers: openai (openai, 2 keys); models: gpt-4o-mini (alias mini)"
        )
        XCTAssertEqual(GatewayConfig().startupSummary, "listening on 127.0.0.1:8080; providers: none; models: none")
    }
}
