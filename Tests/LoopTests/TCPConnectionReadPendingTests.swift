import Glibc
import XCTest
@testable import Loop

/// `readPending` hands over what already waits in the socket at once, not in a later poll.
final class TCPConnectionReadPendingTests: XCTestCase {
    /// Connects and sends with a blocking socket from a loop job, so the bytes are in the
    /// accepted socket before the loop can even see the connection.
    @LoopActor
    static func connectAndSend(port: Int, _ text: String) -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let rc = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        precondition(rc == 0, "connect failed: \(errno)")
        _ = text.withCString { send(fd, $0, strlen($0), 0) }
        return fd
    }

    func testWaitingBytesAreDeliveredDuringAccept() async throws {
        let (atAccept, total) = try await EventLoop.shared.spawn { () async throws -> (String, String) in
            let listener = TCPListener()
            try listener.bind(SocketAddress(host: "127.0.0.1", port: 0))
            var received = ""
            var atAccept: String?
            try listener.listen { connection in
                connection.startReading { result in
                    if case .success(let bytes) = result { received += String(decoding: bytes, as: UTF8.self) }
                }
                connection.readPending()
                atAccept = received
            }
            let fd = Self.connectAndSend(port: listener.localAddress!.port, "GET / HTTP/1.1\r\n\r\n")
            for _ in 0..<100 where atAccept == nil { await EventLoop.shared.sleep(milliseconds: 2) }
            close(fd)
            listener.close()
            return (atAccept ?? "<not accepted>", received)
        }.value
        XCTAssertEqual(atAccept, "GET / HTTP/1.1\r\n\r\n", "read before the accept callback returned")
        XCTAssertEqual(total, "GET / HTTP/1.1\r\n\r\n", "and not read twice")
    }

    func testNothingWaitingReadsNothingAndLaterBytesStillArrive() async throws {
        let (atAccept, later) = try await EventLoop.shared.spawn { () async throws -> (Int, String) in
            let listener = TCPListener()
            try listener.bind(SocketAddress(host: "127.0.0.1", port: 0))
            var received = ""
            var atAccept: Int?
            var failed = false
            try listener.listen { connection in
                connection.startReading { result in
                    switch result {
                    case .success(let bytes): received += String(decoding: bytes, as: UTF8.self)
                    case .failure: failed = true
                    }
                }
                connection.readPending()
                atAccept = received.count + (failed ? 1_000 : 0)
            }
            let client = try await TCPConnection.connect(to: SocketAddress(host: "127.0.0.1", port: listener.localAddress!.port))
            for _ in 0..<100 where atAccept == nil { await EventLoop.shared.sleep(milliseconds: 2) }
            client.write(Array("late".utf8))
            for _ in 0..<100 where received.isEmpty { await EventLoop.shared.sleep(milliseconds: 2) }
            client.close()
            listener.close()
            return (atAccept ?? -1, received)
        }.value
        XCTAssertEqual(atAccept, 0, "no bytes and no error when nothing waits")
        XCTAssertEqual(later, "late")
    }
}
