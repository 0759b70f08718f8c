import Wire

/// Why features could not be extracted from a request body.
public struct FeatureError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Code: String, Sendable {
        case invalidJSON
        case notAnObject
    }

    public var code: Code
    /// Byte offset in the body where the problem was found.
    public var offset: Int
    public var detail: String

    public init(_ code: Code, at offset: Int, _ detail: String) {
        self.code = code
        self.offset = offset
        self.detail = detail
    }

    init(_ error: JSONError) {
        self.init(.invalidJSON, at: error.offset, "\(error)")
    }

    public var description: String { "\(code.rawValue) at byte \(offset): \(detail)" }
}
