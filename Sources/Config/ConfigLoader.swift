import Foundation
import Yams

/// Reads, expands and validates configuration files into `GatewayConfig`.
///
/// The environment is a parameter so callers decide what `${VAR}` sees (the process environment
/// in production, a fixed dictionary in tests).
public enum ConfigLoader {
    /// Loads the file at `path`; errors name `path` as given.
    public static func load(path: String, environment: [String: String]) throws(ConfigError) -> GatewayConfig {
        try parse(yaml: read(path: path), file: path, environment: environment)
    }

    /// Parses configuration text; `file` is only used to name positions in errors.
    public static func parse(yaml: String, file: String, environment: [String: String]) throws(ConfigError) -> GatewayConfig {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw ConfigError.syntax(error, file: file, source: yaml)
        } catch {
            throw ConfigError(code: .syntax, file: file, line: 1, column: 1,
                              message: "the file could not be parsed as YAML (\(error))",
                              fix: "check that it is a YAML document of key: value lines")
        }
        let context = DecodeContext(file: file, source: yaml, environment: environment)
        return try ConfigDecoder(context: context).decode(root)
    }

    private static func read(path: String) throws(ConfigError) -> String {
        func failure(_ code: ConfigError.Code, _ message: String, fix: String) -> ConfigError {
            ConfigError(code: code, file: path, line: 0, column: 0, message: message, fix: fix)
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw failure(.fileNotFound, "configuration file not found",
                          fix: "check the path, or start without a configuration file to use the embedded default")
        }
        guard !isDirectory.boolValue else {
            throw failure(.fileUnreadable, "this is a directory, not a configuration file",
                          fix: "pass the path of the YAML file, e.g. \(path)/switchyard.yaml")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw failure(.fileUnreadable, "configuration file cannot be read",
                          fix: "check that the gateway's user may read it (permissions)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw failure(.fileUnreadable, "configuration file is not valid UTF-8",
                          fix: "save it as UTF-8 text")
        }
        return text
    }
}
