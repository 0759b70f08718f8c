import ArgumentParser
import Foundation
import Gateway
import Ledger

/// Error output of the store commands: one line on standard error and a non-zero exit.
enum CLI {
    /// Prints `error: message` and returns the exit to throw: 2 for input the command refuses,
    /// 1 for everything else.
    static func fail(_ message: String, code: Int32 = 2) -> ExitCode {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
        return ExitCode(code)
    }

    /// A store failure: refused input exits 2, a missing key or a SQLite failure 1.
    static func fail(_ error: LedgerError) -> ExitCode {
        fail(error.message, code: error.code == .invalid ? 2 : 1)
    }

    static func fail(_ invalid: KeyArguments.Invalid) -> ExitCode {
        fail(invalid.description, code: 2)
    }

    static func print(_ text: String) {
        FileHandle.standardOutput.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }
}
