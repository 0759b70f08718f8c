// sy-gateway: the gateway as `switchyard serve --config FILE` runs it, plus a ledger flood for
// bench/ledger.sh: while the flood is on, a 1 ms loop timer appends synthetic ledger rows (shaped
// like a real request's row) at --flood-rows-per-s through the same batching writer the
// requests use, so the writer thread commits that many more rows per second while the loop
// serves the benchmark's traffic.
//
//   sy-gateway --config FILE --flood-rows-per-s N
//
// SIGUSR1 turns the flood on, SIGUSR2 off (it starts off). Request log lines go to stderr.
import Config
import Foundation
import Gateway
import Ledger
import Logging
import Loop

let arguments = Array(CommandLine.arguments.dropFirst())
var values: [String: String] = [:]
for pair in stride(from: 0, to: arguments.count - 1, by: 2) { values[String(arguments[pair].dropFirst(2))] = arguments[pair + 1] }
guard let path = values["config"], let rate = Int(values["flood-rows-per-s"] ?? "0") else {
    FileHandle.standardError.write(Data("usage: sy-gateway --config FILE --flood-rows-per-s N\n".utf8))
    exit(2)
}
let config: GatewayConfig
do { config = try ConfigLoader.load(path: path, environment: ProcessInfo.processInfo.environment) } catch {
    FileHandle.standardError.write(Data("sy-gateway: \(error)\n".utf8))
    exit(2)
}
LoggingSystem.bootstrap { label in JSONLogHandler(label: label, level: .notice) }

let started = DispatchSemaphore(value: 0)
EventLoop.shared.spawn {
    do {
        let gateway = try Gateway(config: config, logger: Logger(label: "sy-gateway"))
        _ = try gateway.start()
        LedgerFlood.start(gateway: gateway, rowsPerSecond: rate)
    } catch {
        FileHandle.standardError.write(Data("sy-gateway: \(error)\n".utf8))
        exit(1)
    }
    started.signal()
}
started.wait()
while true { sleep(3600) }

/// Appends synthetic rows to the gateway's ledger writer in 1 ms ticks while switched on (at
/// 20,000 rows/s, 20 rows a tick: spread out as requests' rows are, rather than in bursts that
/// would stall the loop for the traffic being measured).
@LoopActor
enum LedgerFlood {
    static var gateway: Gateway?
    static var timer: LoopTimer?
    static var signals: [LoopSignal] = []
    static var on = false
    static var sequence = 0
    static var owed = 0.0

    static func start(gateway: Gateway, rowsPerSecond: Int) {
        self.gateway = gateway
        let perTick = Double(rowsPerSecond) / 1_000
        let timer = LoopTimer()
        timer.start(after: 1, repeatEvery: 1) {
            guard on else { return }
            owed += perTick
            while owed >= 1 {
                owed -= 1
                append()
            }
        }
        self.timer = timer
        for (number, value) in [(SIGUSR1, true), (SIGUSR2, false)] {
            let signal = LoopSignal()
            signal.start(signal: number) { on = value; owed = 0 }
            signals.append(signal)
        }
    }

    private static func append() {
        sequence += 1
        gateway?.ledger.append(LedgerRow(
            timeMs: Int64(Date().timeIntervalSince1970 * 1000), requestID: "flood-\(sequence)", keyID: "key_flood",
            team: "bench", tags: ["agent": "flood"], dialect: "openai.chat", requestedModel: "gpt-4o-mini",
            servedModel: "gpt-4o-mini", provider: "sim", deployment: "sim/gpt-4o-mini", status: 200,
            inputTokens: 24, outputTokens: 16, costMicros: 13, ttftMs: 1.2, latencyMs: 1.9, overheadMs: 0.2,
            attempts: "sim/gpt-4o-mini ok 2ms", streamed: false))
    }
}
