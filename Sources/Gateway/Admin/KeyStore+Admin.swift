import Ledger

/// Store operations the CLI and the admin API share, so both check and merge the same way.
extension KeyStore {
    /// Creates a key after checking that its team exists: a key naming a missing team would
    /// silently escape that team's limits (a typo lifts them).
    public func createChecked(_ spec: KeySpec, nowMs: Int64) throws(LedgerError) -> IssuedKey {
        if let team = spec.team, try self.team(named: team) == nil {
            throw LedgerError(.invalid, "no team '\(team)': create it first (`switchyard teams set \(team)` or POST /admin/teams)")
        }
        return try create(spec, nowMs: nowMs)
    }

    /// Reads the team, applies the change and saves it; `created` tells a new team apart.
    public func apply(_ update: TeamUpdate, nowMs: Int64) throws(LedgerError) -> (team: Team, created: Bool) {
        let current = try team(named: update.name)
        let team: Team
        do { team = try update.applied(to: current, nowMs: nowMs) } catch {
            throw LedgerError(.invalid, error.description)
        }
        try saveTeam(team)
        return (team, current == nil)
    }
}
