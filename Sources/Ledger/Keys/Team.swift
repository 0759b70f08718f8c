/// A team: keys that name it share its request, token and spend limits.
public struct Team: Sendable, Equatable {
    public var name: String
    public var rpm: Int?
    public var tpm: Int?
    public var budget: BudgetSpec?
    public var createdAtMs: Int64

    public init(name: String, rpm: Int? = nil, tpm: Int? = nil, budget: BudgetSpec? = nil, createdAtMs: Int64) {
        self.name = name
        self.rpm = rpm
        self.tpm = tpm
        self.budget = budget
        self.createdAtMs = createdAtMs
    }
}
