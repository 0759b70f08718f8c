import Ledger
import Wire

/// JSON of keys, teams and writer statistics for the admin API and the CLI's `--json`.
///
/// A key is written with its id, name, display prefix, limits and times; never its hash.
/// The secret appears only when the caller passes it, i.e. in the answer to create or rotate.
public enum AdminJSON {
    /// One key; `secret` is the one-time `sy-…` of a key just created or rotated.
    public static func key(_ key: VirtualKey, nowMs: Int64, secret: String? = nil) -> [UInt8] {
        var json = JSONWriter()
        write(key, nowMs: nowMs, secret: secret, to: &json)
        return json.bytes
    }

    /// `{"object":"list","data":[…]}`, OpenAI's list shape.
    public static func keys(_ keys: [VirtualKey], nowMs: Int64) -> [UInt8] {
        list(keys) { write($0, nowMs: nowMs, secret: nil, to: &$1) }
    }

    public static func team(_ team: Team) -> [UInt8] {
        var json = JSONWriter()
        write(team, to: &json)
        return json.bytes
    }

    public static func teams(_ teams: [Team]) -> [UInt8] {
        list(teams) { write($0, to: &$1) }
    }

    /// A JSON string literal for `text`, escaped as the gateway escapes everything else.
    public static func string(_ text: String) -> [UInt8] {
        var json = JSONWriter()
        json.string(text)
        return json.bytes
    }

    /// Whether a key may be used now: `active`, `revoked` or `expired`.
    public static func status(of key: VirtualKey, nowMs: Int64) -> String {
        key.isRevoked ? "revoked" : key.isExpired(atMs: nowMs) ? "expired" : "active"
    }

    static func write(_ key: VirtualKey, nowMs: Int64, secret: String?, to json: inout JSONWriter) {
        json.beginObject()
        json.member("object", "key")
        json.member("id", key.id)
        if let secret { json.member("key", secret) }
        json.member("name", key.name)
        json.member("display", key.display)
        json.member("status", status(of: key, nowMs: nowMs))
        json.member("team", key.team)
        json.key("tags")
        json.beginObject()
        for name in key.tags.keys.sorted() { json.member(name, key.tags[name]) }
        json.endObject()
        json.key("models")
        json.beginArray()
        for model in key.allowedModels { json.string(model) }
        json.endArray()
        writeLimits(rpm: key.rpm, tpm: key.tpm, budget: key.budget, to: &json)
        json.member("expires_at", key.expiresAtMs.map(TimeArgument.format))
        json.member("created_at", TimeArgument.format(key.createdAtMs))
        json.member("rotated_at", key.rotatedAtMs.map(TimeArgument.format))
        json.member("revoked_at", key.revokedAtMs.map(TimeArgument.format))
        json.endObject()
    }

    static func write(_ team: Team, to json: inout JSONWriter) {
        json.beginObject()
        json.member("object", "team")
        json.member("name", team.name)
        writeLimits(rpm: team.rpm, tpm: team.tpm, budget: team.budget, to: &json)
        json.member("created_at", TimeArgument.format(team.createdAtMs))
        json.endObject()
    }

    /// `rpm`, `tpm` and `budget` (`{"limit_usd": 12.5, "period": "month"}`), null when unset.
    static func writeLimits(rpm: Int?, tpm: Int?, budget: BudgetSpec?, to json: inout JSONWriter) {
        json.key("rpm")
        if let rpm { json.int(rpm) } else { json.null() }
        json.key("tpm")
        if let tpm { json.int(tpm) } else { json.null() }
        json.key("budget")
        if let budget {
            json.beginObject()
            json.key("limit_usd")
            json.raw(SpendRendering.usd(budget.limitMicros).utf8)
            json.member("period", budget.period.description)
            json.endObject()
        } else {
            json.null()
        }
    }

    /// The ledger writer's counters, for `GET /admin/stats` and benchmarks.
    static func stats(_ stats: LedgerWriterStats, keys: Int, teams: Int) -> [UInt8] {
        var json = JSONWriter()
        json.beginObject()
        json.key("ledger")
        json.beginObject()
        json.member("rows_appended", Int(clamping: stats.rowsAppended))
        json.member("rows_committed", Int(clamping: stats.rowsCommitted))
        json.member("rows_pending", Int(clamping: stats.rowsPending))
        json.member("rows_dropped", Int(clamping: stats.rowsDropped))
        json.member("batches", Int(clamping: stats.batches))
        json.member("commit_errors", Int(clamping: stats.commitErrors))
        json.member("last_commit_ns", Int(clamping: stats.lastCommitNanos))
        json.member("last_error", stats.lastError?.description)
        json.member("writer_idle", stats.writerIdle)
        json.member("writer_promotions", Int(clamping: stats.writerPromotions))
        json.endObject()
        json.member("keys", keys)
        json.member("teams", teams)
        json.endObject()
        return json.bytes
    }

    static func list<T>(_ items: [T], _ write: (T, inout JSONWriter) -> Void) -> [UInt8] {
        var json = JSONWriter()
        json.beginObject()
        json.member("object", "list")
        json.key("data")
        json.beginArray()
        for item in items { write(item, &json) }
        json.endArray()
        json.endObject()
        return json.bytes
    }
}
