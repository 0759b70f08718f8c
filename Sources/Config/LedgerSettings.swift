/// How the request ledger is written and kept.
public struct LedgerSettings: Sendable, Hashable {
    /// Off: no ledger rows are written (limits, budgets and metrics still work in memory, but
    /// spend reports see nothing new and budgets start afresh at each restart). For instances
    /// that only route, and for measuring the bare pass-through.
    public var enabled: Bool
    /// Rows wait at most this long on the loop before a worker commits them; after `kill -9`
    /// at most this interval's rows can be missing.
    public var commitIntervalMs: Int
    /// A batch is committed early once it holds this many rows.
    public var batchRows: Int
    /// Rows older than this many days are rolled up into daily totals and deleted; 0 keeps all.
    public var retentionDays: Int
    /// Store each API call's request body and the response body as sent (a stream's events) in
    /// its ledger row, each up to `LedgerSettings.maxStoredBodyBytes`. Off by default: bodies
    /// are prompts and completions, and an open stream then keeps its request in memory.
    public var storeBodies: Bool

    /// The most of each body a ledger row keeps; a longer one is cut and marked truncated.
    public static let maxStoredBodyBytes = 1 << 20

    public static let `default` = LedgerSettings(commitIntervalMs: 200, batchRows: 1_000, retentionDays: 0, storeBodies: false)

    public init(enabled: Bool = true, commitIntervalMs: Int, batchRows: Int, retentionDays: Int, storeBodies: Bool) {
        self.enabled = enabled
        self.commitIntervalMs = commitIntervalMs
        self.batchRows = batchRows
        self.retentionDays = retentionDays
        self.storeBodies = storeBodies
    }
}

/// What `/metrics` labels series with.
public struct MetricsSettings: Sendable, Hashable {
    /// Label by virtual key id too (off by default: one series per key can be a lot).
    public var labelByKey: Bool

    public static let `default` = MetricsSettings(labelByKey: false)

    public init(labelByKey: Bool) { self.labelByKey = labelByKey }
}

/// A rate limit on every request carrying one tag value, whichever key sent it.
public struct TagLimit: Sendable, Hashable {
    /// `name=value`, as in `x-switchyard-tags`.
    public var tag: String
    public var rpm: Int?
    public var tpm: Int?

    public init(tag: String, rpm: Int?, tpm: Int?) {
        self.tag = tag
        self.rpm = rpm
        self.tpm = tpm
    }
}
