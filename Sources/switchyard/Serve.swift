import ArgumentParser
import Config
import Foundation
import Gateway
import Logging
import Loop
import Sim

/// `switchyard serve`: run the gateway.
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the gateway (with no --config: the embedded default on 127.0.0.1:8080).")

    @Option(name: .long, help: "Configuration file (YAML).")
    var config: String?

    @Option(name: .long, help: "Listen address HOST:PORT, overriding the configuration.")
    var listen: String?

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        var simulated = false
        var loaded: GatewayConfig
        do {
            if let config {
                loaded = try ConfigLoader.load(path: config, environment: environment)
            } else {
                let embedded = GatewayConfig.embeddedDefault(environment: environment)
                loaded = embedded.config
                simulated = embedded.simulated
            }
        } catch {
            FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
            throw ExitCode(2)
        }
        if let listen {
            guard let address = ListenAddress(listen) else {
                FileHandle.standardError.write(Data("error: --listen '\(listen)' is not HOST:PORT with a numeric host.\n".utf8))
                throw ExitCode(2)
            }
            loaded = loaded.listening(on: address)
        }
        LogSetup.bootstrap(level: loaded.logLevel)
        let logger = Logger(label: "switchyard")
        HeapTuning.avoidDeferredCoalescing()
        let openFiles = DescriptorTable.reserve()
        logger.info("descriptor table reserved", metadata: ["open_files": "\(openFiles)"])
        let final = loaded
        let path = config
        let started = DispatchSemaphore(value: 0)
        let failure = ResultSlot()
        EventLoop.shared.spawn {
            do {
                GatewayProcess.configPath = path
                try GatewayProcess.start(config: final, simulated: simulated, logger: logger)
            } catch {
                failure.message = "error: \(error)"
            }
            started.signal()
        }
        started.wait()
        if let message = failure.message {
            FileHandle.standardError.write(Data((message + "\n").utf8))
            throw ExitCode(1)
        }
        while true { sleep(3600) }
    }
}

/// Carries a start-up failure from the loop thread to the main thread (guarded by a semaphore).
final class ResultSlot: @unchecked Sendable {
    var message: String?
}
