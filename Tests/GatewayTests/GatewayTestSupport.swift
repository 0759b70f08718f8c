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

    static func start(options: SimOptions = SimOptions()) throws -> GatewayHarness {
        let sim = SimServer(options: options)
        let simPort = try sim.start(host: "127.0.0.1", port: 0)
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let gateway = try Gateway(config: config(simPort: simPort), logger: logger)
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
