import Foundation
import Loop

/// Sends `--requests` requests one after another over one keep-alive connection, each answered
/// with `Content-Length`; every answer must be a 200. Drives the callgrind measurement.
@LoopActor
final class KeepAliveLoad {
    private let options: Options

    init(_ options: Options) { self.options = options }

    func run() async throws -> String {
        let address = try options.target().address
        let request = try options.request(keepAlive: true)
        let count = try options.int("requests", 100)
        let client = try await KeepAliveClient.connect(to: address)
        defer { client.close() }
        let t0 = EventLoop.hrtime()
        var latencies: [UInt64] = []
        latencies.reserveCapacity(count)
        for index in 0 ..< count {
            let sent = EventLoop.hrtime()
            let status = try await client.send(request)
            guard status == 200 else { throw LoadError("request \(index + 1) answered \(status)") }
            latencies.append(EventLoop.hrtime() - sent)
        }
        let wall = Double(EventLoop.hrtime() - t0) / 1e6
        return "{\"requests\":\(count),\"wall_ms\":\(String(format: "%.1f", wall)),\"latency\":\(Distribution(latencies).json)}"
    }
}
