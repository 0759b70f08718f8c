import XCTest
@testable import Loop

final class TCPConnectionTests: XCTestCase {
    func testEchoRoundTripAndCloseCallbacks() async throws {
        let echoed = try await EventLoop.shared.spawn { () async throws -> (String, Bool) in
            let listener = TCPListener()
            try listener.bind(SocketAddress(host: "127.0.0.1", port: 0))
            var serverClosed = false
            try listener.listen { connection in
                connection.setCloseHandler { serverClosed = true }
                connection.startReading { result in
                    switch result {
                    case .success(let bytes): connection.write(bytes)
                    case .failure: connection.close()
                    }
                }
            }
            let port = listener.localAddress!.port
            let client = try await TCPConnection.connect(to: SocketAddress(host: "127.0.0.1", port: port))
            var received: [UInt8] = []
            await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
                var resumed = false
                client.startReading { result in
                    if case .success(let bytes) = result { received += bytes }
                    if received.count >= 11, !resumed { resumed = true; c.resume() }
                }
                client.write(Array("hello world".utf8))
            }
            client.close()
            for _ in 0..<50 where !serverClosed { await EventLoop.shared.sleep(milliseconds: 2) }
            listener.close()
            return (String(decoding: received, as: UTF8.self), serverClosed)
        }.value
        XCTAssertEqual(echoed.0, "hello world")
        XCTAssertTrue(echoed.1, "server side saw EOF and closed")
    }

    func testLargeWriteIsQueuedAndCompletes() async throws {
        let total = try await EventLoop.shared.spawn { () async throws -> Int in
            let listener = TCPListener()
            try listener.bind(SocketAddress(host: "127.0.0.1", port: 0))
            var got = 0
            var done: CheckedContinuation<Void, Never>?
            let size = 8 << 20
            try listener.listen { connection in
                connection.startReading { result in
                    if case .success(let bytes) = result { got += bytes.count }
                    if got >= size { done?.resume(); done = nil; connection.close() }
                }
            }
            let client = try await TCPConnection.connect(to: SocketAddress(host: "127.0.0.1", port: listener.localAddress!.port))
            await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
                done = c
                client.write([UInt8](repeating: 7, count: size)) { error in XCTAssertNil(error) }
            }
            client.close()
            listener.close()
            return got
        }.value
        XCTAssertEqual(total, 8 << 20)
    }

    func testConnectRefusedThrows() async {
        let failed = await EventLoop.shared.spawn { () async -> Bool in
            do {
                _ = try await TCPConnection.connect(to: SocketAddress(host: "127.0.0.1", port: 1))
                return false
            } catch let error as LoopError { return error.name == "ECONNREFUSED" } catch { return false }
        }.value
        XCTAssertTrue(failed)
    }
}
