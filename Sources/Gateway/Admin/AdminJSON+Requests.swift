import Ledger
import Wire

/// JSON of ledger rows for `GET /admin/requests` and `switchyard requests --json`.
///
/// A row names its key by id, never by secret (the ledger holds no secret to write). Stored
/// bodies (`ledger.store_bodies`) appear only in the single-row answer, where someone asked
/// for that one call; a list leaves them out, as they may be megabytes each.
extension AdminJSON {
    /// `{"object":"request", …}` with every column of the row.
    public static func request(_ row: LedgerRow) -> [UInt8] {
        var json = JSONWriter()
        write(row, bodies: true, to: &json)
        return json.bytes
    }

    /// `{"object":"list","data":[…]}`, newest first, without bodies.
    public static func requests(_ rows: [LedgerRow]) -> [UInt8] {
        list(rows) { write($0, bodies: false, to: &$1) }
    }

    static func write(_ row: LedgerRow, bodies: Bool, to json: inout JSONWriter) {
        json.beginObject()
        json.member("object", "request")
        json.member("id", row.requestID)
        json.member("time", TimeArgument.format(row.timeMs))
        json.member("time_ms", Int(row.timeMs))
        json.member("key_id", row.keyID)
        json.member("team", row.team)
        json.key("tags")
        json.beginObject()
        for name in row.tags.keys.sorted() { json.member(name, row.tags[name]) }
        json.endObject()
        json.member("dialect", row.dialect)
        json.member("requested_model", row.requestedModel)
        json.member("router", row.router)
        json.member("served_model", row.servedModel)
        json.member("provider", row.provider)
        json.member("deployment", row.deployment)
        json.member("plan", row.routerPlan)
        json.member("status", row.status)
        json.member("error", row.errorClass)
        json.key("usage")
        json.beginObject()
        json.member("input_tokens", row.inputTokens)
        json.member("output_tokens", row.outputTokens)
        json.member("cached_tokens", row.cachedTokens)
        json.member("cache_write_tokens", row.cacheWriteTokens)
        json.member("reasoning_tokens", row.reasoningTokens)
        json.endObject()
        json.key("cost_usd")
        json.raw(SpendRendering.usd(row.costMicros).utf8)
        json.member("cost_estimated", row.costEstimated)
        json.key("ttft_ms")
        if let ttft = row.ttftMs { json.double(ttft) } else { json.null() }
        json.member("latency_ms", row.latencyMs)
        json.member("overhead_ms", row.overheadMs)
        json.member("retries", row.retries)
        json.member("fallbacks", row.fallbacks)
        json.member("attempts", row.attempts.map { $0.split(separator: ",").map(String.init) } ?? [])
        json.member("streamed", row.streamed)
        if bodies {
            json.key("bodies")
            // Written by the gateway as a JSON object of two strings (Gateway+Finish).
            if let stored = row.bodies { json.raw(stored.utf8) } else { json.null() }
        }
        json.endObject()
    }
}
