import Config
import XCTest

/// Errors about values that are well-formed YAML but wrong for Switchyard: names, references,
/// numbers, URLs, keys and headers.
final class ReferenceErrorTests: XCTestCase {
    func testUnknownProviderReadsAsDocumented() {
        let yaml = """
            listen: 127.0.0.1:8080
            providers:
              - name: openai
                type: openai
                api_keys: ["${OPENAI_API_KEY:-sk-test}"]
              - name: sim
                type: openai-compatible
                base_url: http://127.0.0.1:9999/v1
            models:
              - name: gpt-4o-mini
                provider: openai
                aliases: [mini]
              - name: x
                provider: opnai
            """
        assertConfigError(yaml, code: .unknownProvider, line: 14, column: 15,
                          message: "model 'x' names provider 'opnai', which is not defined",
                          fix: "define it under providers:, or use one of: openai, sim")
        XCTAssertEqual(
            Fixture.error(yaml)?.description,
            "switchyard.yaml:14:15: model 'x' names provider 'opnai', which is not defined. "
                + "Fix: define it under providers:, or use one of: openai, sim."
        )
    }

    func testUnknownProviderWithNoProviders() {
        assertConfigError("models:\n  - {name: m, provider: p}\n", code: .unknownProvider, line: 2, column: 25,
                          message: "names provider 'p', which is not defined", fix: "define it under providers:")
    }

    func testDuplicateNames() {
        assertConfigError(
            "providers:\n  - name: openai\n    type: openai\n  - name: openai\n    type: anthropic\n",
            code: .duplicateName, line: 4, column: 11,
            message: "provider name 'openai' is already used at line 2", fix: "unique name"
        )
        assertConfigError(
            "providers: [{name: p, type: openai}]\nmodels:\n  - name: m\n    provider: p\n  - name: m\n    provider: p\n",
            code: .duplicateName, line: 5, column: 11,
            message: "model name 'm' is already the name of model 'm' (line 3)", fix: "give each model a unique name"
        )
    }

    func testUnknownProviderType() {
        assertConfigError(
            "providers:\n  - name: x\n    type: opnai\n", code: .unknownProviderType, line: 3, column: 11,
            message: "provider 'x' has unknown type 'opnai'", fix: "did you mean 'openai'?"
        )
        assertConfigError(
            "providers:\n  - name: x\n    type: mistral\n", code: .unknownProviderType, line: 3, column: 11,
            message: "unknown type 'mistral'", fix: "use one of openai, openai-compatible, anthropic, gemini"
        )
    }

    func testMissingRequiredKeys() {
        assertConfigError(
            "providers:\n  - type: openai\n", code: .missingKey, line: 2, column: 5,
            message: "provider #1 is missing the required key 'name'", fix: "add name:"
        )
        assertConfigError(
            "providers:\n  - name: x\n", code: .missingKey, line: 2, column: 5,
            message: "provider 'x' is missing the required key 'type'", fix: "openai-compatible"
        )
        assertConfigError(
            "providers:\n  - name: local\n    type: openai-compatible\n", code: .missingKey, line: 2, column: 5,
            message: "provider 'local' of type openai-compatible is missing the required key 'base_url'",
            fix: "add base_url:"
        )
        assertConfigError(
            "models:\n  - name: m\n    upstream_model: x\n", code: .missingKey, line: 2, column: 5,
            message: "model 'm' is missing the required key 'provider'", fix: "add provider:"
        )
        assertConfigError(
            "providers:\n  - name:\n    type: openai\n", code: .missingKey, line: 2, column: 5,
            message: "provider #1 is missing the required key 'name'", fix: "add name:"
        )
    }

    func testAliasClashes() {
        let head = "providers: [{name: p, type: openai}]\nmodels:\n  - name: a\n    provider: p\n    aliases: [x]\n"
        assertConfigError(
            head + "  - name: b\n    provider: p\n    aliases: [y, a]\n", code: .aliasClash, line: 8, column: 18,
            message: "alias 'a' of model 'b' is already the name of model 'a' (line 3)", fix: "rename or remove the alias"
        )
        assertConfigError(
            head + "  - name: b\n    provider: p\n    aliases: [x]\n", code: .aliasClash, line: 8, column: 15,
            message: "alias 'x' of model 'b' is already an alias of model 'a' (line 5)", fix: "rename or remove the alias"
        )
        assertConfigError(
            head + "  - name: x\n    provider: p\n", code: .aliasClash, line: 6, column: 11,
            message: "model name 'x' is already an alias of model 'a' (line 5)", fix: "rename this model or remove that alias"
        )
        assertConfigError(
            "providers: [{name: p, type: openai}]\nmodels:\n  - {name: a, provider: p, aliases: [a]}\n",
            code: .aliasClash, line: 3, column: 38,
            message: "alias 'a' of model 'a' is already the name of model 'a'", fix: "rename or remove"
        )
    }

    func testNonPositiveNumbers() {
        assertConfigError(
            "server:\n  max_header_count: 0\n", code: .outOfRange, line: 2, column: 21,
            message: "'max_header_count' in server must be greater than zero, not 0", fix: "such as 100 (the default)"
        )
        assertConfigError(
            "timeouts:\n  total_ms: -5\n", code: .outOfRange, line: 2, column: 13,
            message: "'total_ms' in timeouts must be greater than zero, not -5", fix: "positive number of milliseconds"
        )
        assertConfigError(
            "providers:\n  - name: p\n    type: openai\n    timeouts: {idle_ms: 0}\n", code: .outOfRange, line: 4, column: 25,
            message: "'idle_ms' in the timeouts of provider 'p' must be greater than zero", fix: "such as 60000"
        )
        assertConfigError(
            "server:\n  max_body_bytes: 1.5\n", code: .wrongType, line: 2, column: 19,
            message: "must be a whole number of bytes, not '1.5'", fix: "write max_body_bytes: 33554432"
        )
    }

    func testBadBaseURLs() {
        func provider(_ url: String) -> String { "providers:\n  - name: p\n    type: openai\n    base_url: \(url)\n" }
        let cases: [(url: String, message: String, fix: String)] = [
            ("ftp://host/v1", "uses 'ftp', but only http and https are supported", "write it as https://host/v1"),
            ("api.example.com/v1", "has no scheme", "write it as https://api.example.com/v1"),
            ("\"http://\"", "has no host", "write a host after http://"),
            ("\"https://ho st/v1\"", "is not a valid URL", "check it for spaces"),
            ("\"https://user:pw@host\"", "contains credentials", "put the key under api_keys:"),
            ("\"https://host/v1?x=1\"", "has a query or fragment", "remove everything from '?'"),
        ]
        for item in cases {
            assertConfigError(provider(item.url), code: .invalidURL, line: 4, column: 15,
                              message: item.message, fix: item.fix)
        }
        XCTAssertEqual(try Fixture.parse(provider("HTTPS://host:8443/v1//")).providers[0].baseURL, "HTTPS://host:8443/v1")
    }

    func testKeysAndHeaders() {
        let head = "providers:\n  - name: p\n    type: openai\n"
        assertConfigError(
            head + "    api_keys: [a]\n    api_key: b\n", code: .conflictingKeys, line: 5, column: 14,
            message: "'api_key' in provider 'p' and 'api_keys' are both set", fix: "keep one"
        )
        assertConfigError(
            head + "    api_keys: [\"${KEY:-}\"]\n", code: .invalidValue, line: 4, column: 16,
            message: "an API key in provider 'p' is empty", fix: "set the environment variable"
        )
        assertConfigError(
            head + "    headers: {\"X Bad\": v}\n", code: .invalidValue, line: 4, column: 15,
            message: "'X Bad' in the headers of provider 'p' is not a valid HTTP header name", fix: "letters, digits and -"
        )
        assertConfigError(
            head + "    headers:\n      X-List: [1]\n", code: .wrongType, line: 5, column: 15,
            message: "'X-List' in the headers of provider 'p' must be text, not a list", fix: "headers: {X-Extra: value}"
        )
    }

    func testNamesMayNotContainWhitespace() {
        assertConfigError(
            "providers:\n  - name: my provider\n    type: openai\n", code: .invalidValue, line: 2, column: 11,
            message: "provider name 'my provider' contains whitespace", fix: "'my-provider'"
        )
    }
}
