/// A rejected JSON document: what was wrong and the byte offset where it was detected.
public struct JSONError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The class of failure, stable enough for tests and metrics.
    public enum Code: String, Sendable, Equatable {
        /// The input ended inside a value (also: empty input).
        case unexpectedEnd
        /// A byte that cannot start or continue the expected token.
        case unexpectedByte
        /// Non-whitespace after the top-level value.
        case trailingData
        /// A backslash followed by something other than `"\/bfnrtu`.
        case invalidEscape
        /// `\u` not followed by four hex digits.
        case invalidUnicodeEscape
        /// A string holds bytes that are not well-formed UTF-8 (RFC 3629).
        case invalidUTF8
        /// An unescaped byte below 0x20 inside a string.
        case controlCharacter
        /// A number such as `01` or `-00`.
        case leadingZero
        /// A number missing digits after `-`, `.`, or the exponent marker.
        case invalidNumber
        /// A bare word that is not `true`, `false` or `null`.
        case invalidLiteral
        /// More nested arrays and objects than the scanner's limit.
        case tooDeep
        /// The top-level value is not an object where one is required.
        case notAnObject
        /// A key the caller relies on appears twice (see `RequestFields`).
        case duplicateKey
    }

    public var code: Code
    /// Offset, from the start of the input, of the byte where the problem was found.
    public var offset: Int
    public var message: String

    public init(_ code: Code, at offset: Int, _ message: String) {
        self.code = code
        self.offset = offset
        self.message = message
    }

    public var description: String { "\(code.rawValue) at byte \(offset): \(message)" }
}
