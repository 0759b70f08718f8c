import ArgumentParser
import Foundation
import Loop
import Sim

/// `switchyard sim`: run the simulated provider on its own.
struct SimCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sim", abstract: "Run the simulated LLM provider (OpenAI, Anthropic and Gemini wire formats).")

    @Option(help: "Listen address HOST:PORT.")
    var listen = "127.0.0.1:9090"
    @Option(name: .customLong("ttft-ms"), help: "Time to first token, milliseconds.")
    var ttftMs: UInt64 = 0
    @Option(name: .customLong("tokens-per-second"), help: "Generation speed; 0 sends at once.")
    var tokensPerSecond: Double = 0
    @Option(name: .customLong("fail-rate"), help: "Fraction of requests that fail (0..1).")
    var failRate: Double = 0
    @Option(name: .customLong("fail-status"), help: "Status code of injected failures.")
    var failStatus: Int = 500
    @Option(name: .customLong("retry-after"), help: "retry-after seconds on injected failures.")
    var retryAfter: Int?
    @Option(help: "Seed for fault selection.")
    var seed: UInt64 = 0

    func run() throws {
        guard let colon = listen.lastIndex(of: ":"), let port = Int(listen[listen.index(after: colon)...]) else {
            throw ValidationError("--listen takes HOST:PORT")
        }
        let host = String(listen[..<colon])
        let options = SimOptions(ttftMs: ttftMs, tokensPerSecond: tokensPerSecond, failRate: failRate,
                                 failStatus: failStatus, retryAfter: retryAfter, seed: seed)
        let started = DispatchSemaphore(value: 0)
        let failure = ResultSlot()
        EventLoop.shared.spawn {
            do {
                let server = SimServer(options: options)
                let bound = try server.start(host: host, port: port)
                SimProcess.server = server
                FileHandle.standardOutput.write(Data("switchyard sim listening on \(host):\(bound)\n".utf8))
            } catch {
                failure.message = "error: cannot listen on \(listen): \(error)"
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

/// Keeps the simulator alive for the life of the process.
@LoopActor
enum SimProcess {
    static var server: SimServer?
}
