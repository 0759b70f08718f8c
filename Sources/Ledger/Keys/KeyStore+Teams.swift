/// Teams: named limit and budget holders that keys refer to by name.
extension KeyStore {
    /// Creates the team or replaces its limits (its creation time stays).
    public func saveTeam(_ team: Team) throws(LedgerError) {
        guard !team.name.isEmpty else { throw LedgerError(.invalid, "a team needs a name") }
        try Self.validateLimits(rpm: team.rpm, tpm: team.tpm, budget: team.budget)
        try withDB { db throws(LedgerError) in
            try db.run("""
                INSERT INTO teams (name, rpm, tpm, budget_micros, budget_period, created_ms)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                ON CONFLICT (name) DO UPDATE SET rpm = excluded.rpm, tpm = excluded.tpm,
                    budget_micros = excluded.budget_micros, budget_period = excluded.budget_period
                """) {
                $0.bind(1, team.name)
                $0.bind(2, team.rpm)
                $0.bind(3, team.tpm)
                $0.bind(4, team.budget?.limitMicros)
                $0.bind(5, team.budget?.period.description)
                $0.bind(6, team.createdAtMs)
            }
        }
    }

    public func teams() throws(LedgerError) -> [Team] {
        try withDB { db throws(LedgerError) in
            try db.query("SELECT name, rpm, tpm, budget_micros, budget_period, created_ms FROM teams ORDER BY name") { s throws(LedgerError) in
                Team(name: s.string(0), rpm: s.optionalInt(1), tpm: s.optionalInt(2),
                     budget: try Self.budget(s, 3), createdAtMs: s.int64(5))
            }
        }
    }

    public func team(named name: String) throws(LedgerError) -> Team? {
        try teams().first { $0.name == name }
    }

    /// Removes a team no unrevoked key names.
    public func removeTeam(named name: String) throws(LedgerError) {
        let users = try list().filter { $0.team == name && !$0.isRevoked }.count
        guard users == 0 else { throw LedgerError(.invalid, "team '\(name)' still has \(users) active keys") }
        let removed = try withDB { db throws(LedgerError) in
            try db.run("DELETE FROM teams WHERE name = ?1") { $0.bind(1, name) }
        }
        guard removed > 0 else { throw LedgerError(.notFound, "no team '\(name)'") }
    }
}
