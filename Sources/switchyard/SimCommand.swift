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
    @Option(name: .customLong("reset-rate"), help: "Fraction of requests whose connection is dropped.")
    var resetRate: Double = 0
    @Option(name: .customLong("reset-after-chunks"), help: "Drop after this many streamed pieces (0: before the response).")
    var resetAfterChunks: Int = 0
    @Option(name: .customLong("stall-ms"), help: "Length of an injected stall, milliseconds.")
    var stallMs: UInt64 = 0
    @Option(name: .customLong("stall-rate"), help: "Fraction of requests that stall (with --stall-ms).")
    var stallRate: Double = 1
    @Option(name: .customLong("stall-after-chunks"), help: "Stall after this many pieces (0: before the first byte).")
    var stallAfterChunks: Int = 0
    @Option(name: .customLong("drip-ms"), help: "Send streamed pieces one at a time, this many ms apart.")
    var dripMs: UInt64 = 0
    @Option(name: .customLong("malformed-rate"), help: "Fraction of requests with a broken chunk.")
    var malformedRate: Double = 0
    @Option(name: .customLong("malformed-after-chunks"), help: "Break the chunk after this many pieces.")
    var malformedAfterChunks: Int = 1
    @Option(name: .customLong("fault-model"), help: "Apply the fault flags only to models matching this name (or prefix*); repeatable.")
    var faultModels: [String] = []

    func run() throws {
        guard let colon = listen.lastIndex(of: ":"), let port = Int(listen[listen.index(after: colon)...]) else {
            throw ValidationError("--listen takes HOST:PORT")
        }
        let host = String(listen[..<colon])
        HeapTuning.avoidDeferredCoalescing()
        DescriptorTable.reserve()
        let faults = SimFaults(failRate: failRate, failStatus: failStatus, retryAfter: retryAfter,
                               resetRate: resetRate, resetAfterChunks: resetAfterChunks, stallRate: stallRate,
                               stallMs: stallMs, stallAfterChunks: stallAfterChunks, dripMs: dripMs,
                               malformedRate: malformedRate, malformedAfterChunks: malformedAfterChunks)
        var options = SimOptions(ttftMs: ttftMs, tokensPerSecond: tokensPerSecond, seed: seed, faults: faults)
        if !faultModels.isEmpty {
            options.faults = .none
            for pattern in faultModels { options.modelFaults[pattern] = faults }
        }
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
