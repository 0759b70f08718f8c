/// A Server-Sent Events stream the reader refuses to buffer further.
public struct SSEError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Why the stream was refused.
    public enum Code: String, Sendable, Equatable {
        /// An unterminated block grew past `SSEReader.maxBlockSize`.
        case blockTooLarge
    }

    public var code: Code
    /// Stream offset at which the reader gave up.
    public var offset: Int
    public var message: String

    public init(_ code: Code, at offset: Int, _ message: String) {
        self.code = code
        self.offset = offset
        self.message = message
    }

    public var description: String { "\(code.rawValue) at byte \(offset): \(message)" }
}
