import Foundation
import Loop

/// One keep-alive connection that sends a request and awaits its `Content-Length` answer.
///
/// Requests on one client go one after another; the answer's status is returned. Shared by the
/// sequential `keepalive` mode (callgrind) and the fixed-rate `paced` mode.
@LoopActor
final class KeepAliveClient {
    private let connection: TCPConnection
    private var buffer: [UInt8] = []
    private var waiter: CheckedContinuation<Result<Int, LoadError>, Never>?
    private var failure: LoadError?

    private init(connection: TCPConnection) { self.connection = connection }

    static func connect(to address: SocketAddress) async throws -> KeepAliveClient {
        let client = KeepAliveClient(connection: try await TCPConnection.connect(to: address))
        client.connection.startReading { [weak client] result in client?.received(result) }
        return client
    }

    /// Writes `request` and returns the status of its answer.
    func send(_ request: [UInt8]) async throws -> Int {
        if let failure { throw failure }
        connection.write(request)
        return try await withCheckedContinuation { waiter = $0 }.get()
    }

    func close() { connection.close() }

    private func received(_ result: Result<UnsafeRawBufferPointer, LoopError>) {
        switch result {
        case .success(let bytes):
            buffer.append(contentsOf: bytes)
            guard let (status, total) = completeResponse() else { return }
            buffer.removeFirst(total)
            resume(.success(status))
        case .failure(let error):
            failure = LoadError("connection ended: \(error)")
            resume(.failure(failure!))
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
