import Config
import XCTest

/// Parsing helpers shared by the configuration tests; every parse uses an explicit environment.
enum Fixture {
    static let file = "switchyard.yaml"

    static func parse(_ yaml: String, environment: [String: String] = [:]) throws(ConfigError) -> GatewayConfig {
        try ConfigLoader.parse(yaml: yaml, file: file, environment: environment)
    }

    /// The error parsing `yaml` throws, or nil when it parses.
    static func error(_ yaml: String, environment: [String: String] = [:]) -> ConfigError? {
        do {
            _ = try parse(yaml, environment: environment)
            return nil
        } catch {
            return error
        }
    }
}

/// Asserts that `yaml` fails with `code` at `line`:`column`, that the message and fix contain the
/// given fragments, and that the rendered description carries the position and the fix.
func assertConfigError(
    _ yaml: String,
    environment: [String: String] = [:],
    code: ConfigError.Code,
    line: Int,
    column: Int,
    message: String,
    fix: String,
    file: StaticString = #filePath,
    sourceLine: UInt = #line
) {
    guard let error = Fixture.error(yaml, environment: environment) else {
        XCTFail("expected a \(code.rawValue) error, but the configuration parsed", file: file, line: sourceLine)
        return
    }
    XCTAssertEqual(error.code, code, "\(error)", file: file, line: sourceLine)
    XCTAssertEqual(error.file, Fixture.file, file: file, line: sourceLine)
    XCTAssertEqual(error.line, line, "line of \(error)", file: file, line: sourceLine)
    XCTAssertEqual(error.column, column, "column of \(error)", file: file, line: sourceLine)
    XCTAssertTrue(error.message.contains(message), "message of \(error)", file: file, line: sourceLine)
    XCTAssertTrue(error.fix.contains(fix), "fix of \(error)", file: file, line: sourceLine)
    XCTAssertFalse(error.fix.isEmpty, file: file, line: sourceLine)
    XCTAssertTrue(error.description.hasPrefix("\(Fixture.file):\(line):\(column): "), "\(error)", file: file, line: sourceLine)
    XCTAssertTrue(error.description.contains("Fix: \(error.fix)"), "\(error)", file: file, line: sourceLine)
}
