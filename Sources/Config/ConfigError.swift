import Foundation

/// A configuration problem pinned to a file position, with the change that fixes it.
///
/// `line` and `column` are 1-based (columns count Unicode scalars, as libyaml does).
/// Both are 0 when the problem concerns the file as a whole, for example when it cannot be read.
public struct ConfigError: Error, Sendable, Hashable, CustomStringConvertible, LocalizedError {
    /// The kind of problem; stable, so tests and tooling can match on it instead of on prose.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        case fileNotFound = "file-not-found"
        case fileUnreadable = "file-unreadable"
        case syntax
        case unsetVariable = "unset-variable"
        case malformedVariable = "malformed-variable"
        case unknownKey = "unknown-key"
        case duplicateKey = "duplicate-key"
        case conflictingKeys = "conflicting-keys"
        case wrongType = "wrong-type"
        case missingKey = "missing-key"
        case invalidValue = "invalid-value"
        case invalidListen = "invalid-listen"
        case invalidURL = "invalid-url"
        case outOfRange = "out-of-range"
        case duplicateName = "duplicate-name"
        case unknownProviderType = "unknown-provider-type"
        case unknownProvider = "unknown-provider"
        case aliasClash = "alias-clash"
    }

    public var code: Code
    /// The path as the caller gave it (or the name passed to `ConfigLoader.parse`).
    public var file: String
    public var line: Int
    public var column: Int
    /// What is wrong, without a trailing full stop.
    public var message: String
    /// What to change, without a trailing full stop.
    public var fix: String

    public init(code: Code, file: String, line: Int, column: Int, message: String, fix: String) {
        self.code = code
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.fix = fix
    }

    /// `file:line:column: message. Fix: fix.` — the shape compilers use, so editors can jump to it.
    public var description: String {
        let position = line > 0 ? "\(file):\(line):\(column)" : file
        return "\(position): \(Self.sentence(message)) Fix: \(Self.sentence(fix))"
    }

    public var errorDescription: String? { description }

    private static func sentence(_ text: String) -> String {
        guard let last = text.last else { return text }
        return ".?!".contains(last) ? text : text + "."
    }
}
