import Config
import XCTest

/// `api: responses` on a model: read, defaulted, and refused where the provider cannot speak it.
final class ModelAPITests: XCTestCase {
    private let providers = """
        providers:
          - {name: openai, type: openai, api_keys: [sk-test]}
          - {name: azure, type: openai-compatible, base_url: "http://127.0.0.1:9/v1"}
          - {name: claude, type: anthropic, api_keys: [sk-ant-test]}
        """

    func testAModelUsesChatCompletionsUnlessItSaysResponses() throws {
        let config = try Fixture.parse(providers + """

            models:
              - {name: gpt-4o, provider: openai}
              - {name: o3-pro, provider: openai, api: responses, deployments: [{provider: azure}]}
              - {name: mini, provider: azure, api: chat}
            """)
        XCTAssertEqual(config.models.map(\.api), [.chat, .responses, .chat])
    }

    func testAnUnknownAPIAndAProviderWithoutResponsesAreRefused() {
        assertConfigError(providers + "\nmodels:\n  - {name: m, provider: openai, api: completions}\n",
                          code: .invalidValue, line: 6, column: 38, message: "is 'completions'", fix: "use chat (the default) or responses")
        assertConfigError(providers + "\nmodels:\n  - {name: m, provider: claude, api: responses}\n",
                          code: .invalidValue, line: 6, column: 38,
                          message: "model 'm' uses the Responses API, which provider 'claude' does not speak",
                          fix: "serve it from openai or openai-compatible providers only")
        assertConfigError(providers + "\nmodels:\n  - {name: m, provider: openai, api: responses, deployments: [{provider: claude}]}\n",
                          code: .invalidValue, line: 6, column: 38, message: "provider 'claude' does not speak", fix: "remove api: responses")
    }
}
