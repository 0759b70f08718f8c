/// A numbered schema change, applied once and recorded in `schema_version`.
struct Migration: Sendable {
    let version: Int
    let name: String
    let sql: String
}

/// The ledger's schema history; `apply` brings any database (new or older) up to date at open.
///
/// Migrations are append-only: a released one is never edited, a change is a new number.
enum Migrations {
    static let all: [Migration] = [requests, rollup, keys, leanRequests, labelRollup]

    static var latest: Int { all.last!.version }

    /// Applies every migration newer than the database's version, each in its own
    /// `BEGIN IMMEDIATE` transaction that re-reads the version, so two processes opening the
    /// same new file at once apply each step exactly once. Returns the resulting version.
    @discardableResult
    static func apply(to db: SQLiteConnection) throws(LedgerError) -> Int {
        let exists = try db.scalarInt(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'") != nil
        if !exists {
            try db.execute("""
                CREATE TABLE IF NOT EXISTS schema_version (
                    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_ms INTEGER NOT NULL)
                """)
        }
        var current = try version(of: db)
        guard current <= latest else {
            throw LedgerError(.schemaTooNew, "\(db.path) has schema \(current), this build knows \(latest)")
        }
        for migration in all where migration.version > current {
            try db.transaction { () throws(LedgerError) in
                guard try version(of: db) < migration.version else { return }
                try db.execute(migration.sql)
                try db.run("INSERT INTO schema_version (version, name, applied_ms) VALUES (?1, ?2, ?3)") {
                    $0.bind(1, migration.version)
                    $0.bind(2, migration.name)
                    $0.bind(3, WallClock.milliseconds())
                }
            }
            current = migration.version
        }
        return current
    }

    static func version(of db: SQLiteConnection) throws(LedgerError) -> Int {
        Int(try db.scalarInt("SELECT MAX(version) FROM schema_version") ?? 0)
    }

    // Rows are appended in completion order; `id` is the rowid. Tags live in `tags` as a JSON
    // object (for display and export) and in `request_tags`, clustered by (name, ts), so that
    // `spend --by tag:NAME` reads only the rows carrying that tag in the time range (measured:
    // twice as fast as `json_extract` over every row even when every row has the tag).
    // Indexes: `ts` serves every report's range; (key_id, ts) and (team, ts) serve per-key and
    // per-team spend (budgets, `keys show`). Model, router and provider get none: reports group
    // them while reading the time range, so such an index would serve no query and cost each
    // insert about 1 µs (measured: 13.9 -> 11.6 µs of CPU per row without the three).
    // Migration 4 took the tag table and the key and team indexes out again.
    static let requests = Migration(version: 1, name: "requests", sql: """
        CREATE TABLE requests (
            id INTEGER PRIMARY KEY,
            ts INTEGER NOT NULL,
            request_id TEXT NOT NULL,
            key_id TEXT,
            team TEXT,
            tags TEXT,
            dialect TEXT NOT NULL,
            requested_model TEXT,
            router TEXT,
            served_model TEXT,
            provider TEXT,
            deployment TEXT,
            plan TEXT,
            status INTEGER NOT NULL,
            error_class TEXT,
            input_tokens INTEGER NOT NULL DEFAULT 0,
            output_tokens INTEGER NOT NULL DEFAULT 0,
            cached_tokens INTEGER NOT NULL DEFAULT 0,
            cache_write_tokens INTEGER NOT NULL DEFAULT 0,
            reasoning_tokens INTEGER NOT NULL DEFAULT 0,
            cost_micros INTEGER NOT NULL DEFAULT 0,
            cost_estimated INTEGER NOT NULL DEFAULT 0,
            ttft_ms REAL,
            latency_ms REAL NOT NULL,
            overhead_ms REAL NOT NULL,
            retries INTEGER NOT NULL DEFAULT 0,
            fallbacks INTEGER NOT NULL DEFAULT 0,
            attempts TEXT,
            streamed INTEGER NOT NULL DEFAULT 0,
            bodies TEXT
        );
        CREATE INDEX requests_ts ON requests (ts);
        CREATE INDEX requests_key_ts ON requests (key_id, ts);
        CREATE INDEX requests_team_ts ON requests (team, ts);
        CREATE TABLE request_tags (
            name TEXT NOT NULL,
            ts INTEGER NOT NULL,
            row_id INTEGER NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (name, ts, row_id)
        ) WITHOUT ROWID;
        """)

    // Retention folds old rows into one row per UTC day × key × team × model × provider.
    // Absent values are '' rather than NULL: NULLs are distinct in a primary key and would
    // defeat the upsert.
    static let rollup = Migration(version: 2, name: "daily_usage", sql: """
        CREATE TABLE daily_usage (
            day TEXT NOT NULL,
            key_id TEXT NOT NULL,
            team TEXT NOT NULL,
            model TEXT NOT NULL,
            provider TEXT NOT NULL,
            requests INTEGER NOT NULL,
            errors INTEGER NOT NULL,
            input_tokens INTEGER NOT NULL,
            output_tokens INTEGER NOT NULL,
            cached_tokens INTEGER NOT NULL,
            cache_write_tokens INTEGER NOT NULL,
            reasoning_tokens INTEGER NOT NULL,
            cost_micros INTEGER NOT NULL,
            latency_ms_sum REAL NOT NULL,
            PRIMARY KEY (day, key_id, team, model, provider)
        ) WITHOUT ROWID;
        """)

    // Keys keep only the SHA-256 of the secret (hex) and a short display prefix.
    static let keys = Migration(version: 3, name: "keys_and_teams", sql: """
        CREATE TABLE teams (
            name TEXT PRIMARY KEY,
            rpm INTEGER,
            tpm INTEGER,
            budget_micros INTEGER,
            budget_period TEXT,
            created_ms INTEGER NOT NULL
        );
        CREATE TABLE keys (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            team TEXT,
            tags TEXT,
            models TEXT,
            rpm INTEGER,
            tpm INTEGER,
            budget_micros INTEGER,
            budget_period TEXT,
            expires_ms INTEGER,
            created_ms INTEGER NOT NULL,
            rotated_ms INTEGER,
            revoked_ms INTEGER,
            hash TEXT NOT NULL UNIQUE,
            prefix TEXT NOT NULL
        );
        CREATE INDEX keys_team ON keys (team);
        """)

    // Every row costs the writer thread its inserts, and at tens of thousands of rows per
    // second that CPU is taken from the loop on a small machine. Measured per row on the
    // writer (bench/README.md, "Ledger under load"): the tag table (one B-tree insert per tag)
    // and the (key_id, ts) and (team, ts) indexes (an insert at one of many positions, so a
    // dirty page per key and team per commit) were over half of it. Tags are already in the
    // row's `tags` object, which tag reports now read through `json_each`; per-key and
    // per-team spend reads the `ts` range (budgets are restored once at start, in one pass).
    static let leanRequests = Migration(version: 4, name: "lean_requests", sql: """
        DROP TABLE request_tags;
        DROP INDEX requests_key_ts;
        DROP INDEX requests_team_ts;
        """)

    // Spend by tag or router must add up after retention as spend by key does, so the roll-up
    // also keeps one row per UTC day × label × value, where a label is `router` or `tag:NAME`.
    // A separate table, not columns of `daily_usage`: a row carries any number of tags, and
    // crossing them with key × team × model × provider would multiply its rows. Rows without
    // the label are not stored; a report derives its "(none)" group from `daily_usage`'s totals.
    static let labelRollup = Migration(version: 5, name: "daily_label_usage", sql: """
        CREATE TABLE daily_label_usage (
            day TEXT NOT NULL,
            label TEXT NOT NULL,
            value TEXT NOT NULL,
            requests INTEGER NOT NULL,
            errors INTEGER NOT NULL,
            input_tokens INTEGER NOT NULL,
            output_tokens INTEGER NOT NULL,
            cost_micros INTEGER NOT NULL,
            PRIMARY KEY (day, label, value)
        ) WITHOUT ROWID;
        """)
}

extension SQLiteConnection {
    /// Opens a connection to a Switchyard database: WAL, `synchronous=NORMAL`, migrated.
    ///
    /// With WAL and NORMAL a commit survives a crash of the process (the WAL is written before
    /// COMMIT returns) but not a power loss; the file is never corrupt either way.
    static func openStore(path: String) throws(LedgerError) -> SQLiteConnection {
        let db = try SQLiteConnection(path: path)
        try db.execute("PRAGMA journal_mode = WAL")
        try db.execute("PRAGMA synchronous = NORMAL")
        // Keep a checkpointed WAL from staying large after a burst.
        try db.execute("PRAGMA journal_size_limit = 67108864")
        try Migrations.apply(to: db)
        return db
    }
}
