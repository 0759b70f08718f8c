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
    /// The call came through OpenAI's Responses API (`dialect` is then `.openAI`).
    var responsesAPI = false
    /// False for embeddings: an answer without usage then counts its input alone, not the
    /// size of the vectors sent back as output.
    var countsOutput = true
    var principal = Principal.anonymous
    var tags: [String: String] = [:]
    var reservation: Reservation?
    var deployment: Deployment?
    /// Every upstream attempt, for the ledger and the log.
    var attempts: [AttemptRecord] = []
    var router: String?
    var routerPlan: String?
    let wallClockMs: Int64
    /// The request body, kept only when the ledger stores bodies (`ledger.store_bodies`).
    var storedRequestBody: [UInt8]?

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
        // Keys are constants written verbatim, and the fixed members one run of bytes: the escape
        // scan of every key and the `Double` text of each latency were half the line's cost.
        json.key(verbatim: "ts"); LogClock.shared.write(to: &json)
        json.key(verbatim: "level"); json.raw(#""info","logger":"switchyard","msg":"request""#)
        json.key(verbatim: "request_id"); json.string(id)
        json.key(verbatim: "method"); json.string(method)
        json.key(verbatim: "path"); json.string(path)
        json.key(verbatim: "status"); json.int(writer.isClientGone && writer.status < 400 ? 499 : writer.status)
        json.key(verbatim: "latency_ms"); json.hundredths(Self.hundredthsOfMillisecond(Self.span(receivedAt, now)))
        json.key(verbatim: "bytes_in"); json.int(bytesIn)
        json.key(verbatim: "bytes_out"); json.int(writer.bytesWritten)
        if let model { json.key(verbatim: "model"); json.string(model) }
        if let servedModel { json.key(verbatim: "served_model"); json.string(servedModel) }
        if let provider { json.key(verbatim: "provider"); json.string(provider) }
        if let router { json.key(verbatim: "router"); json.string(router) }
        if method == "POST" { json.key(verbatim: "stream"); json.bool(stream) }
        if let errorCode { json.key(verbatim: "error"); json.string(errorCode) }
        if attempts.count > 1 { json.key(verbatim: "attempts"); json.string(attempts.map(\.summary).joined(separator: ",")) }
        if writer.isClientGone { json.key(verbatim: "client_gone"); json.bool(true) }
        if let key = principal.key { json.key(verbatim: "key_id"); json.string(key.id) }
        if let team = principal.team { json.key(verbatim: "team"); json.string(team.name) }
        if let usage {
            json.key(verbatim: "prompt_tokens"); json.int(usage.promptTokens)
            json.key(verbatim: "completion_tokens"); json.int(usage.completionTokens)
        }
        if let sent = upstreamSentAt {
            json.key(verbatim: "overhead_ms"); json.hundredths(Self.hundredthsOfMillisecond(Self.span(receivedAt, sent)))
            if let first = firstByteAt {
                json.key(verbatim: "upstream_ttfb_ms"); json.hundredths(Self.hundredthsOfMillisecond(Self.span(sent, first)))
            }
        }
        json.endObject()
        json.bytes.append(10)
        sink.write(json.bytes)
    }

    /// Nanoseconds from `start` to `end`, two `EventLoop.hrtime()` readings; 0 when `end` is
    /// the earlier. Marks are taken where events are noticed (a curl callback may note a body
    /// byte inside the call that sent the request), so an interval is never trusted to be
    /// positive: a wrapped subtraction in a log line would stop the gateway.
    static func span(_ start: UInt64, _ end: UInt64) -> UInt64 {
        end > start ? end - start : 0
    }

    /// Milliseconds rounded to two decimals, as the log line and the ledger give them.
    static func milliseconds(_ nanos: UInt64) -> Double {
        Double(hundredthsOfMillisecond(nanos)) / 100
    }

    static func hundredthsOfMillisecond(_ nanos: UInt64) -> Int {
        Int((Double(nanos) / 10_000).rounded())
    }
}
