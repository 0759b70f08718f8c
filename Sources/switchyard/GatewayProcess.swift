import Config
import Foundation
import Gateway
import Logging
import Loop
import Sim

/// The running gateway process: start-up, signals, and draining on shutdown.
@LoopActor
enum GatewayProcess {
    static var gateway: Gateway?
    static var simulator: SimServer?
    static var signals: [LoopSignal] = []

    /// The file SIGHUP re-reads; nil for the embedded default, which has nothing to reload.
    static var configPath: String?

    /// A start-up failure: the listen socket or the data directory.
    struct StartError: Error, CustomStringConvertible {
        let description: String
    }

    static func start(config: GatewayConfig, simulated: Bool, logger: Logger) throws(StartError) {
        var config = config
        if simulated {
            let sim = SimServer(options: SimOptions(ttftMs: 150, tokensPerSecond: 80))
            let port: Int
            do { port = try sim.start(host: "127.0.0.1", port: 0) } catch {
                throw StartError(description: "cannot start the built-in simulator: \(error)")
            }
            simulator = sim
            config = config.withSimulator(baseURL: "http://127.0.0.1:\(port)/v1")
            logger.notice("no provider key in the environment (OPENAI_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY): serving simulated models from the built-in simulator",
                          metadata: ["simulator": .string("127.0.0.1:\(port)")])
        }
        let gateway: Gateway
        do { gateway = try Gateway(config: config, logger: logger) } catch {
            throw StartError(description: error.description)
        }
        let port: Int
        do { port = try gateway.start() } catch {
            throw StartError(description: "cannot listen on \(config.listen): \(error)")
        }
        self.gateway = gateway
        gateway.configPath = configPath
        logger.notice("switchyard listening", metadata: [
            "listen": .string("\(config.listen.host):\(port)"),
            "summary": .string(config.startupSummary),
        ])
        for number in [SIGTERM, SIGINT] {
            let signal = LoopSignal()
            signal.start(signal: number) { drain(logger: logger) }
            signals.append(signal)
        }
        let hangup = LoopSignal()
        hangup.start(signal: SIGHUP) { EventLoop.shared.spawn { await reload(logger: logger) } }
        signals.append(hangup)
    }

    /// Re-reads the configuration file off the loop; a bad file is refused and the running
    /// configuration stays.
    static func reload(logger: Logger) async {
        guard let gateway, let path = configPath else {
            logger.warning("reload: no configuration file to re-read (started on the embedded default)")
            return
        }
        let environment = ProcessInfo.processInfo.environment
        let result = await EventLoop.shared.offload { () -> Result<GatewayConfig, ConfigError> in
            do { return .success(try ConfigLoader.load(path: path, environment: environment)) }
            catch let error as ConfigError { return .failure(error) }
            catch { return .failure(ConfigError(code: .fileUnreadable, file: path, line: 0, column: 0, message: "\(error)", fix: "check the file")) }
        }
        switch result {
        case .success(let config): gateway.apply(config.listening(on: gateway.config.listen))
        case .failure(let error):
            logger.error("reload refused: the running configuration stays", metadata: ["error": .string(error.description)])
        }
    }

    /// Stops accepting, lets in-flight requests finish (up to a deadline), then exits 0.
    static func drain(logger: Logger) {
        guard let gateway else { exit(0) }
        gateway.stop()
        logger.notice("shutting down: draining in-flight requests", metadata: ["in_flight": .stringConvertible(gateway.activeRequests)])
        EventLoop.shared.spawn {
            let deadline = EventLoop.hrtime() + 30_000_000_000
            // Every request counts from arrival to its last byte (waits between attempts
            // included); the ledger row is appended before the count drops.
            while (gateway.activeRequests > 0 || gateway.upstreamInFlight > 0) && EventLoop.hrtime() < deadline {
                await EventLoop.shared.sleep(milliseconds: 20)
            }
            await gateway.closeLedger()
            logger.notice("stopped")
            LogWriter.standardError.flush()
            exit(0)
        }
    }
}
