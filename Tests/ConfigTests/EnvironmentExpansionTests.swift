@testable import Config
import XCTest

final class EnvironmentExpansionTests: XCTestCase {
    private let providerFile = """
        providers:
          - name: openai
            type: openai
            api_key: ${OPENAI_API_KEY}
        """

    func testSetVariableIsExpanded() throws {
        let config = try Fixture.parse(providerFile, environment: ["OPENAI_API_KEY": "sk-from-env"])
        XCTAssertEqual(config.providers[0].apiKeys.map(\.secret), ["sk-from-env"])
    }

    func testVariablesExpandInsideTextAndNumbers() throws {
        let config = try Fixture.parse("""
            listen: ${HOST:-127.0.0.1}:${PORT}
            data_dir: "${HOME}/data"
            server:
              max_body_bytes: ${MAX_BODY:-2048}
            """, environment: ["PORT": "9001", "HOME": "/home/sy"])
        XCTAssertEqual(config.listen, ListenAddress(host: "127.0.0.1", port: 9001))
        XCTAssertEqual(config.dataDir, "/home/sy/data")
        XCTAssertEqual(config.server.maxBodyBytes, 2048)
    }

    func testDefaultAppliesWhenUnsetOrEmpty() throws {
        let yaml = "data_dir: ${DATA_DIR:-/srv/sy}"
        XCTAssertEqual(try Fixture.parse(yaml).dataDir, "/srv/sy")
        XCTAssertEqual(try Fixture.parse(yaml, environment: ["DATA_DIR": ""]).dataDir, "/srv/sy")
        XCTAssertEqual(try Fixture.parse(yaml, environment: ["DATA_DIR": "/x"]).dataDir, "/x")
    }

    func testUnsetVariableNamesVariableFileAndLine() {
        assertConfigError(
            providerFile, code: .unsetVariable, line: 4, column: 14,
            message: "environment variable 'OPENAI_API_KEY' is not set",
            fix: "set OPENAI_API_KEY, give a default with ${OPENAI_API_KEY:-value}"
        )
        let error = Fixture.error(providerFile)
        XCTAssertEqual(
            error?.description,
            "switchyard.yaml:4:14: environment variable 'OPENAI_API_KEY' is not set. "
                + "Fix: set OPENAI_API_KEY, give a default with ${OPENAI_API_KEY:-value}, "
                + "or write $${OPENAI_API_KEY} for a literal ${OPENAI_API_KEY}."
        )
    }

    func testUnsetVariablePointsAtTheReferenceInsideAValue() {
        assertConfigError(
            "listen: \"127.0.0.1:${PORT}\"", code: .unsetVariable, line: 1, column: 20,
            message: "'PORT'", fix: "${PORT:-value}"
        )
        assertConfigError(
            "providers: [{name: p, type: openai}]\nmodels:\n  - name: m\n    provider: p\n    aliases: [a, \"${ALIAS}\"]",
            code: .unsetVariable, line: 5, column: 19, message: "'ALIAS'", fix: "set ALIAS"
        )
    }

    func testDoubleDollarEscapes() throws {
        let config = try Fixture.parse("""
            providers:
              - name: p
                type: openai
                headers: {X-Template: "$${NOT_A_VAR} costs $5"}
            """)
        XCTAssertEqual(config.providers[0].headers["X-Template"], "${NOT_A_VAR} costs $5")
    }

    func testMalformedReferences() {
        assertConfigError(
            "data_dir: ${DATA_DIR", code: .malformedVariable, line: 1, column: 11,
            message: "has no closing '}'", fix: "close it with }"
        )
        assertConfigError(
            "data_dir: /x/${1BAD}", code: .malformedVariable, line: 1, column: 14,
            message: "'${1BAD}' is not a valid variable reference", fix: "${NAME:-default}"
        )
    }

    func testExpanderDirectly() throws {
        let expander = EnvironmentExpander(environment: ["A": "1", "EMPTY": ""])
        XCTAssertEqual(try expander.expand("plain $ text $5"), "plain $ text $5")
        XCTAssertEqual(try expander.expand("${A}${A}"), "11")
        XCTAssertEqual(try expander.expand("${EMPTY}"), "")
        XCTAssertEqual(try expander.expand("${EMPTY:-d}"), "d")
        XCTAssertEqual(try expander.expand("${MISSING:-}"), "")
        XCTAssertEqual(try expander.expand("${MISSING:-a:-b}"), "a:-b")
        XCTAssertEqual(try expander.expand("$${A}"), "${A}")
        XCTAssertThrowsError(try expander.expand("${B}")) { error in
            XCTAssertEqual(error as? EnvironmentExpander.Failure, .unset(name: "B", token: "${B}"))
        }
        XCTAssertThrowsError(try expander.expand("${}")) { error in
            XCTAssertEqual(error as? EnvironmentExpander.Failure, .malformed(token: "${}"))
        }
    }

    func testVariablesInKeysAreNotExpanded() {
        assertConfigError(
            "${KEY}: 1", environment: ["KEY": "listen"], code: .unknownKey, line: 1, column: 1,
            message: "unknown key '${KEY}'", fix: "remove it"
        )
    }
}
