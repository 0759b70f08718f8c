import HTTP
import Loop
import Ledger
import Reliability
import Wire

/// What one request did, gathered along the pipeline and written once as a log line.
///
/// Holds ids, names, sizes, timings and token counts: never a prompt, a completion or a key.
struct RequestRecord {
    let id: String
    let method: String
    let path: String
    let receivedAt: UInt64
    var model: String?
    var servedModel: String?
    var provider: String?
    var stream = false
    var status = 0
    var errorCode: String?
    var bytesIn = 0
    var bytesOut = 0
    var usage: Usage?
    var upstreamSentAt: UInt64?
    var firstByteAt: UInt64?
    let timing: RequestTiming
    /// Set for API calls (chat, messages, embeddings): those become ledger rows.
    var dialect: Dialect?
    var principal = Principal.anonymous
    var tags: [String: String] = [:]
    var reservation: Reservation?
    var deployment: Deployment?
    /// Every upstream attempt, for the ledger and the log.
    var attempts: [AttemptRecord] = []
    var router: String?
    var routerPlan: String?
    let wallClockMs: Int64

    init(id: String, request: ServerRequest) {
        self.id = id
        self.method = request.method.rawValue
        self.path = String(request.path)
        self.receivedAt = request.receivedAt
        self.bytesIn = request.body.count
        self.timing = RequestTiming(receivedAt: request.receivedAt)
        self.wallClockMs = WallClock.milliseconds()
    }

    /// Writes the request's log line straight to `sink` as JSON.
    ///
    /// Hand-written rather than through swift-log's metadata dictionary: on the hot path that
    /// cost a third of the gateway's instructions per request (dictionary merges, dynamic casts,
    /// `String(format:)`); the line is the same shape `JSONLogHandler` writes.
    @LoopActor
    func log(to sink: LogWriter, writer: ResponseWriter) {
        let now = EventLoop.hrtime()
        var json = JSONWriter(capacity: 512)
        json.beginObject()
        json.key("ts"); json.string(LogClock.shared.timestamp())
        json.member("level", "info")
        json.member("logger", "switchyard")
        json.member("msg", "request")
        json.member("request_id", id)
        json.member("method", method)
        json.member("path", path)
        json.member("status", writer.isClientGone && writer.status < 400 ? 499 : writer.status)
        json.key("latency_ms"); json.double(Self.milliseconds(now - receivedAt))
        json.member("bytes_in", bytesIn)
        json.member("bytes_out", writer.bytesWritten)
        if let model { json.member("model", model) }
        if let servedModel { json.member("served_model", servedModel) }
        if let provider { json.member("provider", provider) }
        if let router { json.member("router", router) }
        if method == "POST" { json.member("stream", stream) }
        if let errorCode { json.member("error", errorCode) }
        if attempts.count > 1 { json.member("attempts", attempts.map(\.summary).joined(separator: ",")) }
        if writer.isClientGone { json.member("client_gone", true) }
        if let key = principal.key { json.member("key_id", key.id) }
        if let team = principal.team { json.member("team", team.name) }
        if let usage {
            json.member("prompt_tokens", usage.promptTokens)
            json.member("completion_tokens", usage.completionTokens)
        }
        if let sent = upstreamSentAt {
            json.key("overhead_ms"); json.double(Self.milliseconds(sent - receivedAt))
            if let first = firstByteAt { json.key("upstream_ttfb_ms"); json.double(Self.milliseconds(first - sent)) }
        }
        json.endObject()
        json.bytes.append(10)
        sink.write(json.bytes)
    }

    static func milliseconds(_ nanos: UInt64) -> Double {
        (Double(nanos) / 10_000).rounded() / 100
    }
}
