import Config
import XCTest

/// Configurations get logged: no textual form of any configuration type may contain a raw key.
final class RedactionTests: XCTestCase {
    private let secret = "sk-proj-VERY-SECRET-0123456789"
    private let shortSecret = "abc12"
    private let headerSecret = "Bearer header-secret-value"

    private func renderings(_ value: Any) -> [String] {
        var dumped = ""
        dump(value, to: &dumped)
        return [String(describing: value), String(reflecting: value), "\(value)", dumped]
    }

    private func assertRedacted(_ value: Any, file: StaticString = #filePath, line: UInt = #line) {
        for text in renderings(value) {
            for raw in [secret, shortSecret, headerSecret] {
                XCTAssertFalse(text.contains(raw), "raw secret in: \(text)", file: file, line: line)
            }
        }
    }

    func testLoadedConfigNeverShowsKeys() throws {
        let config = try Fixture.parse("""
            providers:
              - name: openai
                type: openai
                api_keys: ["${OPENAI_API_KEY}", \(shortSecret)]
                headers: {Authorization: "\(headerSecret)"}
            models:
              - {name: gpt-4o-mini, provider: openai}
            """, environment: ["OPENAI_API_KEY": secret])
        XCTAssertEqual(config.providers[0].apiKeys.map(\.secret), [secret, shortSecret])

        assertRedacted(config)
        assertRedacted(config.providers)
        assertRedacted(config.providers[0])
        assertRedacted(config.providers[0].apiKeys)
        assertRedacted(config.providers[0].apiKeys[0])
        assertRedacted(config.startupSummary)
        assertRedacted(GatewayConfig.embeddedDefault(environment: ["OPENAI_API_KEY": secret]))
        assertRedacted(GatewayConfig.embeddedDefault(environment: ["OPENAI_API_KEY": secret]).config)
    }

    func testRedactedFormsStillIdentifyTheKey() throws {
        let key = APIKey(secret)
        XCTAssertEqual(key.description, "sk-…(redacted)")
        XCTAssertEqual(String(reflecting: key), "APIKey(sk-…(redacted))")
        XCTAssertEqual(APIKey(shortSecret).description, "…(redacted)")

        let provider = ProviderConfig(name: "openai", type: .openAI, baseURL: "https://api.openai.com/v1",
                                      apiKeys: [key], headers: ["X-Extra": "value"])
        XCTAssertEqual(
            provider.description,
            "openai (openai, https://api.openai.com/v1, keys: [sk-…(redacted)], headers: [X-Extra])"
        )
        XCTAssertTrue(String(reflecting: provider).contains("apiKeys: [sk-…(redacted)]"))
        XCTAssertTrue(String(describing: GatewayConfig(providers: [provider])).contains("keys: [sk-…(redacted)]"))
    }

    func testErrorsDoNotEchoKeys() {
        let error = Fixture.error("""
            providers:
              - name: openai
                type: opnai
                api_key: ${OPENAI_API_KEY}
            """, environment: ["OPENAI_API_KEY": secret])
        XCTAssertEqual(error?.code, .unknownProviderType)
        XCTAssertFalse(error?.description.contains(secret) ?? true)
    }
}
