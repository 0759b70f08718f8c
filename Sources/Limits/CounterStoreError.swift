/// A counter store that could not answer; the pipeline decides whether to fail open or closed.
public struct CounterStoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The class of failure.
    public enum Code: String, Sendable, Hashable {
        /// The store cannot be reached.
        case unavailable
        /// The store did not answer in time.
        case timeout
        /// The store answered something this client does not understand.
        case protocolError
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }
}
