import Loop
import Reliability
import Wire

extension Gateway {
    /// `GET /admin/health`: every circuit breaker (deployments `provider/model`, keys
    /// `provider#<digest>`) with its state and window, and each provider key pool's keys with
    /// whether they were taken out (a 401/403) or are cooling down (a 429). Key ids only.
    func adminHealth() -> [UInt8] {
        let now = EventLoop.shared.now
        var json = JSONWriter(capacity: 1024)
        json.beginObject()
        json.key("breakers")
        json.beginArray()
        for entry in healthSnapshot() {
            json.beginObject()
            json.member("target", entry.target.description)
            json.member("state", entry.state.rawValue)
            json.member("window_calls", entry.windowCalls)
            json.member("window_failures", entry.windowFailures)
            json.member("openings", entry.openings)
            json.member("retry_in_ms", Int(entry.retryInMs))
            json.endObject()
        }
        json.endArray()
        json.key("key_pools")
        json.beginObject()
        for (provider, pool) in keyPools.sorted(by: { $0.key < $1.key }) {
            json.key(provider)
            json.beginObject()
            json.key("revoked")
            json.beginArray()
            for id in pool.revokedIDs.sorted() { json.string(id) }
            json.endArray()
            json.key("available")
            json.beginArray()
            for index in pool.keys.indices where pool.isAvailable(index, now: now) { json.string(pool.keys[index].id) }
            json.endArray()
            json.member("selection", pool.selection.rawValue)
            json.key("keys")
            json.beginArray()
            for status in pool.snapshot(now: now) {
                json.beginObject()
                json.member("id", status.id)
                json.member("weight", status.weight)
                json.member("state", status.state.rawValue)
                json.member("cooling_for_ms", Int(status.coolingForMs))
                json.member("in_flight", status.inFlight)
                json.member("picks", status.picks)
                json.endObject()
            }
            json.endArray()
            json.endObject()
        }
        json.endObject()
        json.endObject()
        return json.bytes
    }
}
