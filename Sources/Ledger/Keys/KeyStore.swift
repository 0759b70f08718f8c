import Synchronization

/// Virtual keys in SQLite: create, list, show, revoke, rotate; secrets only as SHA-256 hashes.
///
/// Admin operations, not the hot path: each call takes a lock and touches the disk, so loop
/// code runs them through `offload`. Authentication reads a `KeyCache` instead.
public final class KeyStore: Sendable {
    private let connection: Mutex<SQLiteConnection>

    /// Opens (creating and migrating if needed) the database at `path`; it may be the
    /// ledger's own file.
    public init(path: String) throws(LedgerError) {
        connection = Mutex(try SQLiteConnection.openStore(path: path))
    }

    @discardableResult
    func withDB<T: Sendable>(_ body: (SQLiteConnection) throws(LedgerError) -> T) throws(LedgerError) -> T {
        try connection.withLock { db throws(LedgerError) -> T in try body(db) }
    }

    /// Creates a key; the returned secret is shown once and never stored.
    public func create(_ spec: KeySpec, nowMs: Int64 = WallClock.milliseconds()) throws(LedgerError) -> IssuedKey {
        try Self.validate(spec)
        let secret = KeySecret.generate()
        let key = VirtualKey(
            id: KeySecret.newID(), name: spec.name, team: spec.team, tags: spec.tags,
            allowedModels: spec.allowedModels, rpm: spec.rpm, tpm: spec.tpm, budget: spec.budget,
            expiresAtMs: spec.expiresAtMs, createdAtMs: nowMs, prefix: KeySecret.prefix(of: secret),
            hash: KeyHash(secret: secret))
        try withDB { db throws(LedgerError) in
            try db.run("INSERT INTO keys (\(Self.columns)) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)") {
                Self.bind(key, to: $0)
            }
        }
        return IssuedKey(key: key, secret: secret)
    }

    /// Every key, revoked ones included, oldest first.
    public func list() throws(LedgerError) -> [VirtualKey] {
        try withDB { db throws(LedgerError) in
            try db.query("SELECT \(Self.columns) FROM keys ORDER BY created_ms, id") { s throws(LedgerError) in
                try Self.read(s, db: db)
            }
        }
    }

    public func key(id: String) throws(LedgerError) -> VirtualKey? {
        try withDB { db throws(LedgerError) in
            try db.query("SELECT \(Self.columns) FROM keys WHERE id = ?1", bind: { $0.bind(1, id) }) { s throws(LedgerError) in
                try Self.read(s, db: db)
            }.first
        }
    }

    /// A key by id, or by name when exactly one unrevoked key has that name (for the CLI).
    public func find(_ reference: String) throws(LedgerError) -> VirtualKey {
        if let key = try key(id: reference) { return key }
        let named = try list().filter { $0.name == reference && !$0.isRevoked }
        guard named.count <= 1 else {
            throw LedgerError(.invalid, "\(named.count) keys are named '\(reference)': use the id")
        }
        guard let key = named.first else { throw LedgerError(.notFound, "no key '\(reference)'") }
        return key
    }

    /// Marks the key revoked; it stays listed (rows refer to it). Revoking twice keeps the first time.
    @discardableResult
    public func revoke(id: String, nowMs: Int64 = WallClock.milliseconds()) throws(LedgerError) -> VirtualKey {
        try withDB { db throws(LedgerError) in
            try db.run("UPDATE keys SET revoked_ms = COALESCE(revoked_ms, ?2) WHERE id = ?1") {
                $0.bind(1, id)
                $0.bind(2, nowMs)
            }
        }
        guard let key = try key(id: id) else { throw LedgerError(.notFound, "no key '\(id)'") }
        return key
    }

    /// Issues a new secret for the same key (id, name, limits and counters stay); the old
    /// secret stops working once caches reload.
    public func rotate(id: String, nowMs: Int64 = WallClock.milliseconds()) throws(LedgerError) -> IssuedKey {
        guard var key = try key(id: id) else { throw LedgerError(.notFound, "no key '\(id)'") }
        guard !key.isRevoked else { throw LedgerError(.invalid, "key '\(id)' is revoked") }
        let secret = KeySecret.generate()
        key.prefix = KeySecret.prefix(of: secret)
        key.hash = KeyHash(secret: secret)
        key.rotatedAtMs = nowMs
        let updated = key
        try withDB { db throws(LedgerError) in
            try db.run("UPDATE keys SET hash = ?2, prefix = ?3, rotated_ms = ?4 WHERE id = ?1") {
                $0.bind(1, updated.id)
                $0.bind(2, updated.hash.hex)
                $0.bind(3, updated.prefix)
                $0.bind(4, nowMs)
            }
        }
        return IssuedKey(key: updated, secret: secret)
    }

    /// Everything the hot path needs, read in one go for a `KeyCache`.
    public func directory() throws(LedgerError) -> KeyDirectory {
        KeyDirectory(keys: try list(), teams: try teams())
    }

    // MARK: Rows

    static let columns = """
        id, name, team, tags, models, rpm, tpm, budget_micros, budget_period, expires_ms, \
        created_ms, rotated_ms, revoked_ms, hash, prefix
        """

    static func bind(_ key: VirtualKey, to s: Statement) {
        s.bind(1, key.id)
        s.bind(2, key.name)
        s.bind(3, key.team)
        s.bind(4, JSONText.object(key.tags))
        s.bind(5, JSONText.array(key.allowedModels))
        s.bind(6, key.rpm)
        s.bind(7, key.tpm)
        s.bind(8, key.budget?.limitMicros)
        s.bind(9, key.budget?.period.description)
        s.bind(10, key.expiresAtMs)
        s.bind(11, key.createdAtMs)
        s.bind(12, key.rotatedAtMs)
        s.bind(13, key.revokedAtMs)
        s.bind(14, key.hash.hex)
        s.bind(15, key.prefix)
    }

    static func read(_ s: Statement, db: SQLiteConnection) throws(LedgerError) -> VirtualKey {
        guard let hash = KeyHash(hex: s.string(13)) else {
            throw LedgerError(.invalid, "key '\(s.string(0))' has a malformed hash")
        }
        return VirtualKey(
            id: s.string(0), name: s.string(1), team: s.optionalString(2),
            tags: try db.decodeObject(s.optionalString(3)), allowedModels: try db.decodeArray(s.optionalString(4)),
            rpm: s.optionalInt(5), tpm: s.optionalInt(6), budget: try budget(s, 7),
            expiresAtMs: s.optionalInt64(9), createdAtMs: s.int64(10), rotatedAtMs: s.optionalInt64(11),
            revokedAtMs: s.optionalInt64(12), prefix: s.string(14), hash: hash)
    }

    /// A budget stored as (micros, period) at `column`, `column + 1`. An unreadable period is
    /// an error, never "no budget": that would silently lift a limit.
    static func budget(_ s: Statement, _ column: Int32) throws(LedgerError) -> BudgetSpec? {
        guard let micros = s.optionalInt64(column) else { return nil }
        guard let period = BudgetSpec.Period(text: s.string(column + 1)) else {
            throw LedgerError(.invalid, "unknown budget period '\(s.string(column + 1))'")
        }
        return BudgetSpec(limitMicros: micros, period: period)
    }

    static func validate(_ spec: KeySpec) throws(LedgerError) {
        guard !spec.name.isEmpty else { throw LedgerError(.invalid, "a key needs a name") }
        try validateLimits(rpm: spec.rpm, tpm: spec.tpm, budget: spec.budget)
        guard !spec.allowedModels.contains(where: \.isEmpty) else {
            throw LedgerError(.invalid, "an allowed model name is empty")
        }
    }

    static func validateLimits(rpm: Int?, tpm: Int?, budget: BudgetSpec?) throws(LedgerError) {
        if let rpm, rpm <= 0 { throw LedgerError(.invalid, "rpm must be positive") }
        if let tpm, tpm <= 0 { throw LedgerError(.invalid, "tpm must be positive") }
        if let budget, budget.limitMicros < 0 { throw LedgerError(.invalid, "budget must not be negative") }
    }
}
