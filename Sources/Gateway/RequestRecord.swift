import HTTP
import Logging
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

    @LoopActor
    func log(to logger: Logger, writer: ResponseWriter) {
        let now = EventLoop.hrtime()
        var meta: Logger.Metadata = [
            "request_id": .string(id),
            "method": .string(method),
            "path": .string(path),
            "status": .stringConvertible(writer.isClientGone && status < 400 ? 499 : writer.status),
            "latency_ms": .stringConvertible(Self.milliseconds(now - receivedAt)),
            "bytes_in": .stringConvertible(bytesIn),
            "bytes_out": .stringConvertible(writer.bytesWritten),
        ]
        if let model { meta["model"] = .string(model) }
        if let servedModel { meta["served_model"] = .string(servedModel) }
        if let provider { meta["provider"] = .string(provider) }
        if let router { meta["router"] = .string(router) }
        if method == "POST" { meta["stream"] = .stringConvertible(stream) }
        if let errorCode { meta["error"] = .string(errorCode) }
        if attempts.count > 1 { meta["attempts"] = .string(attempts.map(\.summary).joined(separator: ",")) }
        if writer.isClientGone { meta["client_gone"] = .stringConvertible(true) }
        if let key = principal.key { meta["key_id"] = .string(key.id) }
        if let team = principal.team { meta["team"] = .string(team.name) }
        if let usage {
            meta["prompt_tokens"] = .stringConvertible(usage.promptTokens)
            meta["completion_tokens"] = .stringConvertible(usage.completionTokens)
        }
        if let sent = upstreamSentAt {
            meta["overhead_ms"] = .stringConvertible(Self.milliseconds(sent - receivedAt))
            if let first = firstByteAt { meta["upstream_ttfb_ms"] = .stringConvertible(Self.milliseconds(first - sent)) }
        }
        logger.info("request", metadata: meta)
    }

    static func milliseconds(_ nanos: UInt64) -> Double {
        (Double(nanos) / 10_000).rounded() / 100
    }
}
