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

    /// Gathered writes arrive whole and in order, also when the kernel takes only part of one
    /// and the rest (spanning parts) is queued behind it.
    func testGatheredWritesArriveInOrder() async throws {
        let first = [UInt8](repeating: 1, count: 1 << 20)
        let second = (0 ..< 3 << 20).map { UInt8(truncatingIfNeeded: $0 % 251) }
        let third = [UInt8](repeating: 3, count: 2 << 20)
        let expected = first + second + third + Array("5\r\nhello\r\n".utf8)
        let received = try await EventLoop.shared.spawn { () async throws -> [UInt8] in
            let listener = TCPListener()
            try listener.bind(SocketAddress(host: "127.0.0.1", port: 0))
            var got: [UInt8] = []
            var done: CheckedContinuation<Void, Never>?
            try listener.listen { connection in
                connection.startReading { result in
                    if case .success(let bytes) = result { got += bytes }
                    if got.count >= expected.count { done?.resume(); done = nil; connection.close() }
                }
            }
            let client = try await TCPConnection.connect(to: SocketAddress(host: "127.0.0.1", port: listener.localAddress!.port))
            await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
                done = c
                first.withUnsafeBytes { a in second.withUnsafeBytes { b in third.withUnsafeBytes { c in
                    client.write(a, b, c) { error in XCTAssertNil(error) }
                } } }
                XCTAssertGreaterThan(client.pendingWriteBytes, 0, "the test needs a partial write")
                Array("5\r\n".utf8).withUnsafeBytes { a in Array("hello".utf8).withUnsafeBytes { b in
                    Array("\r\n".utf8).withUnsafeBytes { c in client.write(a, b, c) } } }
            }
            client.close()
            listener.close()
            return got
        }.value
        XCTAssertEqual(received.count, expected.count)
        XCTAssertTrue(received == expected)
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
