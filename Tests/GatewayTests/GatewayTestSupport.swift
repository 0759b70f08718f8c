import Config
import Foundation
import Logging
@testable import Gateway
import HTTP
import Loop
import Sim

/// A gateway in front of an in-process simulator, both on ephemeral ports.
@LoopActor
struct GatewayHarness {
    let sim: SimServer
    let gateway: Gateway
    let port: Int

    static func config(simPort: Int, dataDir: String = GatewayHarness.temporaryDirectory()) -> GatewayConfig {
        GatewayConfig(
            listen: ListenAddress(host: "127.0.0.1", port: 0),
            dataDir: dataDir,
            providers: [ProviderConfig(name: "sim", type: .openAICompatible, baseURL: "http://127.0.0.1:\(simPort)/v1",
                                       apiKeys: ["sk-test-upstream"], headers: [:], timeouts: .default)],
            models: [ModelConfig(name: "gpt-4o-mini", provider: "sim"),
                     ModelConfig(name: "small", provider: "sim", upstreamModel: "sim-small-v2", aliases: ["tiny"])])
    }

    /// With `requestLog`, the gateway writes its request lines there (other logging is dropped).
    static func start(options: SimOptions = SimOptions(), requestLog: LogWriter? = nil) throws -> GatewayHarness {
        let sim = SimServer(options: options)
        let simPort = try sim.start(host: "127.0.0.1", port: 0)
        var logger = requestLog == nil ? Logger(label: "test") : Logger(label: "test") { _ in DiscardingLogHandler() }
        logger.logLevel = requestLog == nil ? .critical : .info
        let gateway = try Gateway(config: config(simPort: simPort), logger: logger, requestLog: requestLog ?? .standardError)
        return GatewayHarness(sim: sim, gateway: gateway, port: try gateway.start())
    }

    func post(_ body: String, path: String = "/v1/chat/completions") async throws -> (UpstreamResponseHead, String) {
        let transfer = UpstreamClient().send(UpstreamRequest(
            url: "http://127.0.0.1:\(port)\(path)", headers: [("Content-Type", "application/json")],
            body: Array(body.utf8)))
        let head = try await transfer.head()
        return (head, String(decoding: try await transfer.collect(), as: UTF8.self))
    }

    func get(_ path: String) async throws -> (UpstreamResponseHead, String) {
        let transfer = UpstreamClient().send(UpstreamRequest(method: "GET", url: "http://127.0.0.1:\(port)\(path)"))
        let head = try await transfer.head()
        return (head, String(decoding: try await transfer.collect(), as: UTF8.self))
    }

    static func temporaryDirectory() -> String {
        let path = NSTemporaryDirectory() + "sy-test-" + String(UInt64.random(in: 0 ... .max), radix: 36)
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    func stop() {
        gateway.stop()
        sim.close()
    }
}

/// Drops every message at any level: the request line goes to its own writer.
struct DiscardingLogHandler: LogHandler {
    var logLevel: Logger.Level = .trace
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {}
}
