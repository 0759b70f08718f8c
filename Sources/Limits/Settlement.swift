/// What an admitted request actually used, to settle its reservation.
public struct Settlement: Sendable, Hashable {
    /// Tokens used (input plus output as the token limits count them).
    public let tokens: Int64
    /// The request's actual cost.
    public let cost: MicroDollars

    public init(tokens: Int64, cost: MicroDollars) {
        self.tokens = max(tokens, 0)
        self.cost = max(cost, .zero)
    }

    /// Nothing used: a request that failed before reaching a provider.
    public static let none = Settlement(tokens: 0, cost: .zero)
}
