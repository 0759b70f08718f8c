import Foundation
import Loop

/// Offers `--rate` requests per second in total over `--connections` keep-alive connections for
/// `--duration-s`, and reports latency measured from each request's scheduled send time.
///
/// Closed-loop load (wrk) at saturation measures queueing: its p99 is roughly connections /
/// throughput, so it cannot say what a proxy adds at a given load. Here the offered load is the
/// same for every target, and a request that has to wait for its connection's previous answer is
/// charged the wait (latency counts from when it was due, not when it went out), so a stall is
/// not hidden by the load generator slowing down with it.
@LoopActor
final class PacedLoad {
    private let options: Options
    private var latencies: [UInt64] = []
    private var failures = 0
    private var firstError: String?
    private var total = 0
    private var intervalNs = 0.0
    private var t0: UInt64 = 0
    private var running = 0
    private var waiter: CheckedContinuation<Void, Never>?

    init(_ options: Options) { self.options = options }

    func run() async throws -> String {
        let address = try options.target().address
        let request = try options.request(keepAlive: true)
        let connections = try options.int("connections", 32)
        let rate = try options.int("rate", 1000)
        let seconds = try options.int("duration-s", 10)
        guard connections > 0, rate > 0, seconds > 0 else { throw LoadError("--connections, --rate and --duration-s must be positive") }
        var clients: [KeepAliveClient] = []
        for _ in 0 ..< connections { clients.append(try await KeepAliveClient.connect(to: address)) }
        defer { for client in clients { client.close() } }

        total = rate * seconds
        intervalNs = 1e9 / Double(rate)
        t0 = EventLoop.hrtime() + 10_000_000
        latencies.reserveCapacity(total)
        running = connections
        for (index, client) in clients.enumerated() {
            EventLoop.shared.spawn { [self] in await drive(client, first: index, step: connections, request: request) }
        }
        await withCheckedContinuation { waiter = $0 }
        let wall = Double(EventLoop.hrtime() - t0) / 1e9
        let achieved = Double(latencies.count) / wall
        let errorText = firstError.map { "\"\($0.replacingOccurrences(of: "\"", with: "'"))\"" } ?? "null"
        return "{\"offered_rps\":\(rate),\"achieved_rps\":\(String(format: "%.1f", achieved)),\"ok\":\(latencies.count),"
            + "\"failed\":\(failures),\"first_error\":\(errorText),\"connections\":\(connections),\"latency\":\(Distribution(latencies).json)}"
    }

    /// Sends requests first, first + step, ... of the global schedule on one connection.
    private func drive(_ client: KeepAliveClient, first: Int, step: Int, request: [UInt8]) async {
        for slot in stride(from: first, to: total, by: step) {
            let due = t0 + UInt64(Double(slot) * intervalNs)
            let now = EventLoop.hrtime()
            if due > now + 1_000_000 { await EventLoop.shared.sleep(milliseconds: (due - now) / 1_000_000) }
            // Timers tick in whole milliseconds, so a request may leave up to 1 ms early.
            let start = min(due, EventLoop.hrtime())
            do {
                let status = try await client.send(request)
                if status == 200 { latencies.append(EventLoop.hrtime() - start) } else {
                    failures += 1
                    firstError = firstError ?? "status \(status)"
                }
            } catch {
                failures += 1
                firstError = firstError ?? "\(error)"
                break
            }
        }
        running -= 1
        if running == 0, let waiter {
            self.waiter = nil
            waiter.resume()
        }
    }
}
