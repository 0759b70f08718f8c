import Config
import XCTest

/// Errors about the shape of the file: syntax, unknown keys, wrong types, bad scalar values.
final class StructureErrorTests: XCTestCase {
    func testUnknownTopLevelKeySuggestsClosest() {
        assertConfigError(
            "listen: 127.0.0.1:8080\nlistne: 1\n", code: .unknownKey, line: 2, column: 1,
            message: "unknown key 'listne' at the top level", fix: "did you mean 'listen'?"
        )
        assertConfigError(
            "provders: []\n", code: .unknownKey, line: 1, column: 1,
            message: "unknown key 'provders'", fix: "did you mean 'providers'?"
        )
    }

    func testUnknownKeyWithoutCloseMatchListsAllowedKeys() {
        assertConfigError(
            "colour: blue\n", code: .unknownKey, line: 1, column: 1,
            message: "unknown key 'colour'", fix: "remove it; the keys allowed here are listen, data_dir"
        )
    }

    func testKeyFromAnotherSectionSaysWhereItBelongs() {
        assertConfigError(
            "connect_ms: 100\n", code: .unknownKey, line: 1, column: 1,
            message: "unknown key 'connect_ms' at the top level", fix: "move it under timeouts:"
        )
    }

    func testUnknownNestedKeys() {
        assertConfigError(
            "server:\n  max_body_byte: 5\n", code: .unknownKey, line: 2, column: 3,
            message: "unknown key 'max_body_byte' in server", fix: "did you mean 'max_body_bytes'?"
        )
        assertConfigError(
            "providers:\n  - name: openai\n    type: openai\n    bse_url: https://x\n",
            code: .unknownKey, line: 4, column: 5,
            message: "unknown key 'bse_url' in provider 'openai'", fix: "did you mean 'base_url'?"
        )
        assertConfigError(
            "providers:\n  - name: p\n    type: openai\n    timeouts: {first_byte: 1}\n",
            code: .unknownKey, line: 4, column: 16,
            message: "unknown key 'first_byte' in the timeouts of provider 'p'", fix: "did you mean 'first_byte_ms'?"
        )
        assertConfigError(
            "models:\n  - nmae: m\n", code: .unknownKey, line: 2, column: 5,
            message: "unknown key 'nmae' in model #1", fix: "did you mean 'name'?"
        )
    }

    func testWrongTypes() {
        assertConfigError(
            "listen: [1]\n", code: .wrongType, line: 1, column: 9,
            message: "'listen' must be text, not a list", fix: "write listen: 127.0.0.1:8080"
        )
        assertConfigError(
            "timeouts:\n  connect_ms: soon\n", code: .wrongType, line: 2, column: 15,
            message: "'connect_ms' in timeouts must be a whole number of milliseconds, not 'soon'",
            fix: "write connect_ms: 5000"
        )
        assertConfigError(
            "providers: {name: x}\n", code: .wrongType, line: 1, column: 12,
            message: "'providers' must be a list, not a mapping", fix: "write providers: ["
        )
        assertConfigError(
            "server: 5\n", code: .wrongType, line: 1, column: 9,
            message: "'server' must be a mapping of keys to values, not '5'", fix: "write server: {"
        )
        assertConfigError(
            "- listen\n", code: .wrongType, line: 1, column: 1,
            message: "the configuration must be a mapping", fix: "listen: 127.0.0.1:8080"
        )
        assertConfigError(
            "providers:\n  - openai\n", code: .wrongType, line: 2, column: 5,
            message: "provider #1 must be a mapping of keys to values, not 'openai'", fix: "{name: openai, type: openai}"
        )
        assertConfigError(
            "providers: [{name: p, type: openai}]\nmodels:\n  - name: m\n    provider: p\n    aliases: mini\n",
            code: .wrongType, line: 5, column: 14,
            message: "'aliases' in model 'm' must be a list, not 'mini'", fix: "write aliases: [mini]"
        )
    }

    func testBadListenAddresses() {
        let cases: [(value: String, column: Int, message: String, fix: String)] = [
            ("127.0.0.1:70000", 9, "port '70000'", "use a port such as 8080"),
            ("127.0.0.1:http", 9, "port 'http'", "use a port such as 8080"),
            ("\"::1:8080\"", 9, "is not in brackets", "write it as [::1]:8080"),
            ("8080", 9, "is not of the form host:port", "add a host, e.g. 127.0.0.1:8080"),
            ("example.com:80", 9, "is not an IP address", "127.0.0.1:80"),
            ("300.1.1.1:80", 9, "'300.1.1.1' is not an IP address", "0.0.0.0:80"),
            ("\":8080\"", 9, "has no host", "write 0.0.0.0:8080 for every interface"),
            ("\"[::g]:80\"", 9, "is not an IPv6 address", "[::1]:8080"),
        ]
        for item in cases {
            assertConfigError(
                "listen: \(item.value)\n", code: .invalidListen, line: 1, column: item.column,
                message: item.message, fix: item.fix
            )
        }
    }

    func testBadLogLevel() {
        assertConfigError(
            "log_level: verbose\n", code: .invalidValue, line: 1, column: 12,
            message: "'verbose' is not a log level", fix: "use one of trace, debug, info"
        )
        assertConfigError(
            "log_level: warn\n", code: .invalidValue, line: 1, column: 12,
            message: "'warn' is not a log level", fix: "did you mean 'warning'?"
        )
    }

    func testYAMLSyntaxErrorsUseYamsPosition() {
        assertConfigError(
            "listen: 127.0.0.1:8080\nserver:\n\tmax_body_bytes: 5\n", code: .syntax, line: 3, column: 1,
            message: "invalid YAML: found character that cannot start any token", fix: "indent with spaces"
        )
        assertConfigError(
            "models: [a, b\nlisten: x\n", code: .syntax, line: 2, column: 7,
            message: "did not find expected ',' or ']'", fix: "every '[' and '{' is closed"
        )
        assertConfigError(
            "data_dir: a: b\n", code: .syntax, line: 1, column: 12,
            message: "mapping values are not allowed", fix: "put the value in quotes"
        )
        assertConfigError(
            "listen: a\n---\nlisten: b\n", code: .syntax, line: 2, column: 1,
            message: "single document", fix: "remove the extra '---'"
        )
    }

    func testRepeatedKeyPointsAtTheRepeat() {
        assertConfigError(
            "listen: 127.0.0.1:1\ndata_dir: x\nlisten: 127.0.0.1:2\n", code: .duplicateKey, line: 3, column: 1,
            message: "key 'listen' appears more than once in the same mapping (first at line 1)", fix: "keep one of them"
        )
    }
}
