/// A virtual key as stored: identity, attribution, allowlist, limits; never the secret itself.
public struct VirtualKey: Sendable, Equatable {
    /// Stable across rotation; rows, limits and budgets are keyed by it.
    public let id: String
    public var name: String
    public var team: String?
    public var tags: [String: String]
    /// Models, aliases and routers the key may ask for; empty means any.
    public var allowedModels: [String]
    public var rpm: Int?
    public var tpm: Int?
    public var budget: BudgetSpec?
    public var expiresAtMs: Int64?
    public let createdAtMs: Int64
    public var rotatedAtMs: Int64?
    public var revokedAtMs: Int64?
    /// The first characters of the secret (`sy-abcd`), safe to show.
    public var prefix: String
    /// SHA-256 of the current secret.
    public var hash: KeyHash

    public init(
        id: String, name: String, team: String? = nil, tags: [String: String] = [:],
        allowedModels: [String] = [], rpm: Int? = nil, tpm: Int? = nil, budget: BudgetSpec? = nil,
        expiresAtMs: Int64? = nil, createdAtMs: Int64, rotatedAtMs: Int64? = nil,
        revokedAtMs: Int64? = nil, prefix: String, hash: KeyHash
    ) {
        self.id = id
        self.name = name
        self.team = team
        self.tags = tags
        self.allowedModels = allowedModels
        self.rpm = rpm
        self.tpm = tpm
        self.budget = budget
        self.expiresAtMs = expiresAtMs
        self.createdAtMs = createdAtMs
        self.rotatedAtMs = rotatedAtMs
        self.revokedAtMs = revokedAtMs
        self.prefix = prefix
        self.hash = hash
    }

    /// How the key is shown in lists and logs: `sy-abcd…`.
    public var display: String { prefix + "…" }

    public var isRevoked: Bool { revokedAtMs != nil }

    /// Expired at `nowMs` (the expiry instant itself is already expired).
    public func isExpired(atMs nowMs: Int64) -> Bool {
        guard let expiresAtMs else { return false }
        return nowMs >= expiresAtMs
    }

    /// Whether the key may ask for `model` (a model, alias or router id).
    public func allows(model: String) -> Bool {
        allowedModels.isEmpty || allowedModels.contains(model)
    }
}
