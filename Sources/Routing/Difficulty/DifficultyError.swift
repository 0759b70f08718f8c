/// Why a weights document could not be read.
public struct DifficultyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Code: String, Sendable {
        case invalidJSON
        /// Written by another format or feature-hashing version: retrain.
        case unsupportedFormat
        case missingField
        case wrongShape
    }

    public var code: Code
    public var detail: String

    public init(_ code: Code, _ detail: String) {
        self.code = code
        self.detail = detail
    }

    public var description: String { "\(code.rawValue): \(detail)" }
}
