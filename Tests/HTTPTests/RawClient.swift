import Loop

/// A raw TCP client for server tests: sends bytes, collects everything until the server closes
/// or a predicate on the received text holds.
@LoopActor
final class RawClient {
    let connection: TCPConnection
    private(set) var received: [UInt8] = []
    private(set) var closedByServer = false
    private var waiter: (predicate: (String) -> Bool, continuation: CheckedContinuation<Void, Never>)?

    init(port: Int) async throws {
        connection = try await TCPConnection.connect(to: SocketAddress(host: "127.0.0.1", port: port))
        connection.startReading { [unowned self] result in
            switch result {
            case .success(let bytes): received += bytes
            case .failure: closedByServer = true; connection.close()
            }
            check()
        }
    }

    var text: String { String(decoding: received, as: UTF8.self) }

    func send(_ text: String) { connection.write(Array(text.utf8)) }

    /// Waits until `predicate(text)` holds, the server closes, or `timeoutMs` passes.
    func wait(timeoutMs: UInt64 = 3_000, until predicate: @escaping (String) -> Bool) async {
        if predicate(text) || closedByServer { return }
        let timer = LoopTimer()
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            waiter = (predicate, c)
            timer.start(after: timeoutMs) { [unowned self] in resume() }
        }
        timer.close()
    }

    func waitForClose(timeoutMs: UInt64 = 3_000) async {
        await wait(timeoutMs: timeoutMs) { _ in false }
    }

    private func check() {
        guard let waiter, closedByServer || waiter.predicate(text) else { return }
        resume()
    }

    private func resume() {
        guard let waiter else { return }
        self.waiter = nil
        waiter.continuation.resume()
    }

    func close() { connection.close() }
}

extension String {
    func occurrences(of needle: String) -> Int {
        components(separatedBy: needle).count - 1
    }
}
