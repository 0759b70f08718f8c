import Config
import HTTP
import Ledger
import HTTP1
import Logging
import Loop
import Reliability
import Wire

/// The gateway: one HTTP server on the loop, the model table, and the upstream client.
@LoopActor
public final class Gateway {
    public internal(set) var config: GatewayConfig
    let logger: Logger
    /// Where request lines go (the same sink as the process's JSON log handler).
    let requestLog: LogWriter
    let upstream: UpstreamClient
    var models: ModelTable
    private var server: HTTPServer?
    private var ids = RequestIDGenerator()
    var metrics = GatewayMetrics()
    let accounting: Accounting
    var tagLimits: [String: (rpm: Int?, tpm: Int?)]
    /// Circuit breakers of deployments and keys; kept across reloads (health is learned).
    let health = HealthRegistry()
    var keyPools: [String: KeyPool] = [:]
    /// Retry and breaker policies of the current configuration.
    var policies: ReliabilityPolicies
    var routing: RoutingTable

    /// Opens the stores in `data_dir` (at start, before serving: the only time the loop waits on
    /// disk) and compiles the routers; a problem in either is refused with its reason.
    public init(config: GatewayConfig, logger: Logger, requestLog: LogWriter = .standardError) throws(StartError) {
        self.config = config
        self.logger = logger
        self.requestLog = requestLog
        self.models = ModelTable(config: config)
        self.upstream = UpstreamClient(loop: .shared, idleConnections: config.server.upstreamIdleConnections,
                                      nativeHTTP: config.server.nativeUpstreamHTTP)
        do { self.routing = try RoutingTable(config: config) } catch { throw StartError(description: error.description) }
        do { self.accounting = try Accounting(config: config, logger: logger) } catch {
            throw StartError(description: "cannot open the data directory '\(config.dataDir)': \(error)")
        }
        self.tagLimits = Self.tagLimitTable(config)
        self.policies = ReliabilityPolicies(config)
        applyReliability(config)
    }

    static func tagLimitTable(_ config: GatewayConfig) -> [String: (rpm: Int?, tpm: Int?)] {
        var table: [String: (rpm: Int?, tpm: Int?)] = [:]
        for limit in config.tagLimits { table[limit.tag] = (limit.rpm, limit.tpm) }
        return table
    }

    /// Starts listening; returns the bound port.
    @discardableResult
    public func start() throws(LoopError) -> Int {
        let limits = config.server
        let server = HTTPServer(
            limits: ParserLimits(maxHeaderBytes: limits.maxHeaderBytes, maxHeaderCount: limits.maxHeaderCount,
                                 maxBodyBytes: limits.maxBodyBytes),
            timeouts: ServerTimeouts(headerMs: UInt64(limits.headerTimeoutMs), idleMs: UInt64(limits.idleTimeoutMs))
        ) { [unowned self] request, writer in
            await self.handle(request, writer)
        }
        let port = try server.listen(host: config.listen.host, port: config.listen.port)
        self.server = server
        accounting.start()
        return port
    }

    /// Stops accepting connections.
    public func stop() {
        server?.close()
        server = nil
    }

    /// Commits every ledger row appended so far and stops the writer (clean shutdown).
    public func closeLedger() async {
        await accounting.stop()
    }

    /// The ledger's batching writer: its stats, or rows an embedding program adds itself (the
    /// ledger benchmark floods it while the gateway serves traffic).
    public var ledger: LedgerWriter { accounting.writer }

    /// Requests being answered right now.
    public var upstreamInFlight: Int { upstream.inFlight }

    /// Requests between arrival and their last byte (what a drain waits for).
    public internal(set) var activeRequests = 0

    func handle(_ request: ServerRequest, _ writer: ResponseWriter) async {
        activeRequests += 1
        defer { activeRequests -= 1 }
        var record = RequestRecord(id: ids.next(), request: request)
        let timing = record.timing
        writer.lateHeader = { ("x-switchyard-overhead-ms", String(timing.overheadMs(at: EventLoop.hrtime()))) }
        var headers = Headers()
        headers.append(name: "x-switchyard-request-id", value: record.id)
        let corsAllowed = addCORSHeaders(request, to: &headers)
        if request.method == .options, let corsAllowed, request.header("access-control-request-method") != nil {
            answerPreflight(request, writer, &record, headers, allowed: corsAllowed)
            finish(record, writer)
            return
        }
        // HEAD is GET without the body (RFC 9110 §9.3.2); the writer leaves the body out.
        switch (request.method == .head ? .get : request.method, request.path) {
        case (.post, "/v1/chat/completions"), (.post, "/chat/completions"):
            if await chat(request, writer, &record, headers, inbound: .openAI) { return }
        case (.post, "/v1/messages"):
            if await chat(request, writer, &record, headers, inbound: .anthropic) { return }
        case (.post, "/v1/responses"), (.post, "/responses"):
            if await chat(request, writer, &record, headers, inbound: .openAI, for: .responses) { return }
        case (_, let path) where path.hasPrefix("/v1/responses/"):
            // Retrieve, cancel, delete and input_items need stored responses; `store` is ignored.
            record.errorCode = GatewayError.Code.notFound.rawValue
            writer.respond(GatewayError(.notFound, status: .notFound,
                                        "The gateway does not store responses, so \(request.path) has nothing to return; send the whole input with each request."),
                           dialect: .openAI, headers: headers)
        case (.post, "/v1/messages/count_tokens"):
            await countTokens(request, writer, &record, headers)
        case (.post, "/v1/embeddings"), (.post, "/embeddings"):
            await embeddings(request, writer, &record, headers)
        case (.get, "/v1/models"), (.get, "/models"):
            await listModels(request, writer, &record, headers)
        case (.get, let path) where path.hasPrefix("/v1/models/") || path.hasPrefix("/models/"):
            await retrieveModel(request, writer, &record, headers)
        case (_, let path) where path.hasPrefix("/admin/"):
            await admin(request, writer, &record, headers)
        case (.get, "/metrics"):
            headers.append(name: "Content-Type", value: "text/plain; version=0.0.4")
            writer.respond(status: .ok, headers: headers, body: renderMetrics())
        case (.get, "/health"), (.get, "/healthz"):
            headers.append(name: "Content-Type", value: "application/json")
            writer.respond(status: .ok, headers: headers, body: Array("{\"status\":\"ok\"}".utf8))
        case (_, "/v1/chat/completions"), (_, "/v1/messages"), (_, "/v1/messages/count_tokens"), (_, "/v1/embeddings"),
             (_, "/v1/responses"),
             (_, "/v1/models"), (_, "/health"):
            record.errorCode = GatewayError.Code.methodNotAllowed.rawValue
            writer.respond(GatewayError(.methodNotAllowed, status: HTTPStatus(405),
                                        "Method \(request.method.rawValue) is not allowed on \(request.path)."),
                           dialect: Self.dialect(ofPath: request.path), headers: headers)
        default:
            record.errorCode = GatewayError.Code.notFound.rawValue
            writer.respond(GatewayError(.notFound, status: .notFound, "Unknown path \(request.path)."),
                           dialect: Self.dialect(ofPath: request.path), headers: headers)
        }
        finish(record, writer)
    }

    /// The dialect of errors on `path`: Anthropic's under `/v1/messages`, OpenAI's elsewhere.
    static func dialect(ofPath path: Substring) -> Dialect {
        path == "/v1/messages" || path.hasPrefix("/v1/messages/") ? .anthropic : .openAI
    }
}
