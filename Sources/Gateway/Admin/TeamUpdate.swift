import Ledger

/// A change to a team's limits: settings not mentioned keep their value, cleared ones go.
///
/// `teams set T --rpm 60` must not wipe the team's budget, so the CLI and `POST /admin/teams`
/// both describe a change and apply it to the stored team rather than replacing it.
public struct TeamUpdate: Sendable, Equatable {
    /// One setting: left alone, removed, or given a new value.
    public enum Change<Value: Sendable & Equatable>: Sendable, Equatable {
        case keep
        case clear
        case set(Value)

        func applied(to current: Value?) -> Value? {
            switch self {
            case .keep: current
            case .clear: nil
            case .set(let value): value
            }
        }
    }

    public var name: String
    public var rpm: Change<Int> = .keep
    public var tpm: Change<Int> = .keep
    public var budget: Change<BudgetSpec> = .keep

    public init(name: String) { self.name = name }

    /// The team after the change; a new team when there was none.
    public func applied(to current: Team?, nowMs: Int64) throws(KeyArguments.Invalid) -> Team {
        guard !name.isEmpty else { throw KeyArguments.Invalid("a team needs a name", param: "name") }
        guard name.utf8.count <= 128, !name.utf8.contains(where: { $0 < 0x20 || $0 == 0x7f }) else {
            throw KeyArguments.Invalid("a team name is at most 128 bytes without control characters", param: "name")
        }
        return Team(
            name: name, rpm: rpm.applied(to: current?.rpm), tpm: tpm.applied(to: current?.tpm),
            budget: budget.applied(to: current?.budget), createdAtMs: current?.createdAtMs ?? nowMs)
    }
}
