import Foundation
import Loop

/// A raw TCP server for client tests: answers each connection with a scripted sequence of writes
/// and delays, and records when the client closes.
@LoopActor
final class CannedServer {
    enum Step { case send(String), pause(UInt64), close }

    let listener = TCPListener()
    var port = 0
    var accepted = 0
    var closedByClient = 0
    var requests: [String] = []
    private let script: @LoopActor (Int) -> [Step]
    /// Closed with the server, so no read callback outlives it (a client may close later).
    private var connections: [TCPConnection] = []

    init(script: @escaping @LoopActor (Int) -> [Step]) throws {
        self.script = script
        try listener.bind(SocketAddress(host: "127.0.0.1", port: 0))
        try listener.listen { [unowned self] connection in self.serve(connection) }
        port = listener.localAddress!.port
    }

    var url: String { "http://127.0.0.1:\(port)/v1/test" }

    private func serve(_ connection: TCPConnection) {
        accepted += 1
        connections.append(connection)
        let index = accepted
        var received: [UInt8] = []
        connection.startReading { [unowned self] result in
            switch result {
            case .success(let bytes):
                received += bytes
                while let request = Self.takeRequest(&received) {
                    self.requests.append(request)
                    EventLoop.shared.spawn { await self.run(self.script(index), on: connection) }
                }
            case .failure:
                self.closedByClient += 1
                connection.close()
            }
        }
    }

    /// Removes one complete request (head plus Content-Length body) from `buffer`.
    private static func takeRequest(_ buffer: inout [UInt8]) -> String? {
        let text = String(decoding: buffer, as: UTF8.self)
        guard let headEnd = text.range(of: "\r\n\r\n") else { return nil }
        let head = text[..<headEnd.lowerBound].lowercased()
        var length = 0
        if let line = head.split(separator: "\r\n").first(where: { $0.hasPrefix("content-length:") }) {
            length = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) ?? 0
        }
        let total = text.utf8.distance(from: text.startIndex, to: headEnd.upperBound) + length
        guard buffer.count >= total else { return nil }
        let request = String(decoding: buffer[..<total], as: UTF8.self)
        buffer.removeFirst(total)
        return request
    }

    private func run(_ steps: [Step], on connection: TCPConnection) async {
        for step in steps {
            switch step {
            case .send(let text): connection.write(Array(text.utf8))
            case .pause(let ms): await EventLoop.shared.sleep(milliseconds: ms)
            case .close: connection.close()
            }
        }
    }

    func close() {
        listener.close()
        for connection in connections { connection.close() }
        connections = []
    }
}
