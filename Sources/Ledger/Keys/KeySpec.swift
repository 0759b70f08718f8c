/// What a new key is created with (everything but identity, secret and timestamps).
public struct KeySpec: Sendable, Equatable {
    public var name: String
    public var team: String?
    public var tags: [String: String]
    public var allowedModels: [String]
    public var rpm: Int?
    public var tpm: Int?
    public var budget: BudgetSpec?
    public var expiresAtMs: Int64?

    public init(
        name: String, team: String? = nil, tags: [String: String] = [:], allowedModels: [String] = [],
        rpm: Int? = nil, tpm: Int? = nil, budget: BudgetSpec? = nil, expiresAtMs: Int64? = nil
    ) {
        self.name = name
        self.team = team
        self.tags = tags
        self.allowedModels = allowedModels
        self.rpm = rpm
        self.tpm = tpm
        self.budget = budget
        self.expiresAtMs = expiresAtMs
    }
}

/// A key together with its secret, returned once by create and rotate and never stored.
public struct IssuedKey: Sendable {
    public let key: VirtualKey
    /// `sy-…`: show it to the user now; only its hash is kept.
    public let secret: String
}
