/// A reliability setting that cannot work (a zero weight, a budget of nothing).
public struct ReliabilityError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The class of mistake.
    public enum Code: String, Sendable, Hashable {
        /// A policy value out of range.
        case invalidPolicy
        /// A key weight below 1.
        case invalidWeight
        /// Two keys of one pool with the same id.
        case duplicateKey
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }
}
