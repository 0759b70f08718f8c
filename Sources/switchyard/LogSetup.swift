import Config
import Gateway
import Logging

/// Installs the JSON-lines log handler at the configured level.
enum LogSetup {
    static func bootstrap(level: LogLevel) {
        let swiftLogLevel = Logger.Level(rawValue: level.rawValue) ?? .info
        LoggingSystem.bootstrap { label in JSONLogHandler(label: label, level: swiftLogLevel) }
    }
}
