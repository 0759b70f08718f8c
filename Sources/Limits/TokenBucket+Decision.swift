extension TokenBucket {
    /// The answer to "can `amount` tokens be taken now", with the wait when they cannot.
    public struct Decision: Sendable, Hashable {
        /// What the bucket said.
        public enum Code: UInt8, Sendable, Hashable {
            /// The tokens are there.
            case allowed
            /// The tokens will be there after `waitMs`: the `retry-after`.
            case limited
            /// Waiting cannot help: the amount exceeds the burst (or the rate is zero).
            case tooLarge
        }

        public let code: Code
        /// Milliseconds until enough tokens exist; 0 unless `code == .limited`.
        public let waitMs: Int64

        public init(code: Code, waitMs: Int64 = 0) {
            self.code = code
            self.waitMs = waitMs
        }

        public static let allowed = Decision(code: .allowed)
        public static let tooLarge = Decision(code: .tooLarge)

        public var isAllowed: Bool { code == .allowed }
    }
}
