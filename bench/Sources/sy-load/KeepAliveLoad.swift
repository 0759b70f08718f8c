import Foundation
import Loop

/// Sends `--requests` requests one after another over one keep-alive connection, each answered
/// with `Content-Length`; every answer must be a 200. Drives the callgrind measurement.
@LoopActor
final class KeepAliveLoad {
    private let options: Options
    private var buffer: [UInt8] = []
    private var waiter: CheckedContinuation<Result<Int, LoadError>, Never>?

    init(_ options: Options) { self.options = options }

    func run() async throws -> String {
        let address = try options.target().address
        let request = try options.request(keepAlive: true)
        let count = try options.int("requests", 100)
        let connection = try await TCPConnection.connect(to: address)
        defer { connection.close() }
        connection.startReading { [unowned self] result in received(result) }
        let t0 = EventLoop.hrtime()
        var latencies: [UInt64] = []
        latencies.reserveCapacity(count)
        for index in 0 ..< count {
            let sent = EventLoop.hrtime()
            connection.write(request)
            let status = try await withCheckedContinuation { waiter = $0 }.get()
            guard status == 200 else { throw LoadError("request \(index + 1) answered \(status)") }
            latencies.append(EventLoop.hrtime() - sent)
        }
        let wall = Double(EventLoop.hrtime() - t0) / 1e6
        return "{\"requests\":\(count),\"wall_ms\":\(String(format: "%.1f", wall)),\"latency\":\(Distribution(latencies).json)}"
    }

    private func received(_ result: Result<UnsafeRawBufferPointer, LoopError>) {
        switch result {
        case .success(let bytes):
            buffer.append(contentsOf: bytes)
            guard let (status, total) = completeResponse() else { return }
            buffer.removeFirst(total)
            resume(.success(status))
        case .failure(let error):
            resume(.failure(LoadError("connection ended: \(error)")))
        }
    }

    private func resume(_ result: Result<Int, LoadError>) {
        guard let waiter else { return }
        self.waiter = nil
        waiter.resume(returning: result)
    }

    /// Status and total length of the response at the buffer's start, once it is all there.
    private func completeResponse() -> (Int, Int)? {
        guard buffer.count >= 4 else { return nil }
        var headEnd: Int?
        for i in 0 ... buffer.count - 4
        where buffer[i] == 13 && buffer[i + 1] == 10 && buffer[i + 2] == 13 && buffer[i + 3] == 10 {
            headEnd = i + 4
            break
        }
        guard let headEnd else { return nil }
        let head = String(decoding: buffer[..<headEnd], as: UTF8.self)
        let status = Int(head.dropFirst(9).prefix(3)) ?? 0
        var length = 0
        for line in head.split(separator: "\r\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "content-length" {
                length = Int(parts[1].trimmingCharacters(in: .whitespaces)) ?? 0
            }
        }
        guard buffer.count >= headEnd + length else { return nil }
        return (status, headEnd + length)
    }
}
