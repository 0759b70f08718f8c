import Config
import XCTest
@testable import Gateway

/// Which headers an upstream request carries, by provider type, with a client's Anthropic headers.
final class ProviderAdapterHeadersTests: XCTestCase {
    private func deployment(_ type: ProviderType, headers: [String: String] = [:]) -> Deployment {
        let provider = ProviderConfig(name: "p", type: type, baseURL: "http://127.0.0.1:1", apiKeys: ["sk-up"],
                                      headers: headers, timeouts: .default)
        return Deployment(model: ModelConfig(name: "m", provider: "p"), provider: provider)
    }

    private func value(_ name: String, in headers: [(name: String, value: String)]) -> [String] {
        headers.filter { $0.name.lowercased() == name }.map(\.value)
    }

    func testClientVersionReplacesTheGatewaysAndBetasJoinTheConfiguredOnes() {
        let forwarded = [("anthropic-version", "2026-10-21"), ("anthropic-beta", "context-management-2025-06-27")]
            .map { (name: $0.0, value: $0.1) }
        let headers = ProviderAdapter.headers(for: deployment(.anthropic, headers: ["anthropic-beta": "files-api-2025-04-14", "x-team": "a"]),
                                              streaming: false, forwarding: forwarded)
        XCTAssertEqual(value("anthropic-version", in: headers), ["2026-10-21"])
        XCTAssertEqual(value("anthropic-beta", in: headers), ["files-api-2025-04-14,context-management-2025-06-27"])
        XCTAssertEqual(value("x-team", in: headers), ["a"])
        XCTAssertEqual(value("x-api-key", in: headers), ["sk-up"])
    }

    func testWithoutClientHeadersTheProviderConfigurationStands() {
        let headers = ProviderAdapter.headers(for: deployment(.anthropic, headers: ["anthropic-beta": "files-api-2025-04-14"]),
                                              streaming: true)
        XCTAssertEqual(value("anthropic-version", in: headers), [ProviderAdapter.anthropicVersion])
        XCTAssertEqual(value("anthropic-beta", in: headers), ["files-api-2025-04-14"])
        XCTAssertEqual(value("accept", in: headers), ["text/event-stream"])
    }
}
