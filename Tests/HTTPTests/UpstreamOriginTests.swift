import XCTest
@testable import HTTP
import Loop

/// A name with several addresses: a refused connect falls through to the next address, which
/// then stays the first choice; a new lookup keeps that choice while it still lists it.
final class UpstreamOriginTests: XCTestCase {
    /// A loopback port nothing listens on (a server's, closed again).
    @LoopActor private static func deadPort() throws -> Int {
        let server = try CannedServer { _ in [.close] }
        let port = server.port
        server.close()
        return port
    }

    func testARefusedAddressFallsThroughToTheNextOneWhichStaysPreferred() async throws {
        let outcome = try await EventLoop.shared.spawn { () async throws -> ([Int], Int, Int) in
            let server = try CannedServer { _ in [.send("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")] }
            defer { server.close() }
            let dead = try Self.deadPort()
            let client = UpstreamClient(idleConnections: 0)  // every request connects anew
            let url = "http://127.0.0.1:\(dead)/v1/x"
            let origin = try XCTUnwrap(client.nativeTargets.target(for: url, client: client)).origin
            origin.resolved([try SocketAddress(host: "127.0.0.1", port: dead),
                                 try SocketAddress(host: "127.0.0.1", port: server.port)], now: client.loop.now)
            var statuses: [Int] = []
            for _ in 0..<2 {
                let transfer = client.send(UpstreamRequest(url: url, body: Array("{}".utf8)))
                statuses.append(try await transfer.head().status)
                let body = try await transfer.collect()
                XCTAssertEqual(body, Array("ok".utf8))
                XCTAssertEqual(origin.preferred, 1, "the address that answered is tried first from now on")
            }
            return (statuses, server.accepted, client.inFlight)
        }.value
        XCTAssertEqual(outcome.0, [200, 200])
        XCTAssertEqual(outcome.1, 2)
        XCTAssertEqual(outcome.2, 0)
    }

    func testWhenEveryAddressIsRefusedTheRequestFailsToConnectAfterTryingEachOnce() async throws {
        let outcome = try await EventLoop.shared.spawn { () async throws -> (UpstreamError.Kind?, Int, Int) in
            let client = UpstreamClient()
            let (a, b) = (try Self.deadPort(), try Self.deadPort())
            let url = "http://127.0.0.1:\(a)/v1/x"
            let origin = try XCTUnwrap(client.nativeTargets.target(for: url, client: client)).origin
            origin.resolved([try SocketAddress(host: "127.0.0.1", port: a),
                                 try SocketAddress(host: "127.0.0.1", port: b)], now: client.loop.now)
            let transfer = client.send(UpstreamRequest(url: url, body: Array("{}".utf8)))
            var kind: UpstreamError.Kind?
            do { _ = try await transfer.head() } catch { kind = (error as? UpstreamError)?.kind }
            return (kind, transfer.addressesTried, client.inFlight)
        }.value
        XCTAssertEqual(outcome.0, .connect)
        XCTAssertEqual(outcome.1, 2, "each address once, no loop")
        XCTAssertEqual(outcome.2, 0)
    }

    func testANewAnswerKeepsThePreferredAddressWhileItStillListsIt() async throws {
        try await EventLoop.shared.spawn { () async throws in
            let client = UpstreamClient()
            let origin = UpstreamOrigin(client: client, host: "svc.internal", port: 80, address: nil, authority: Array("svc.internal".utf8))
            XCTAssertNil(origin.currentAddress(now: 0), "a name starts unresolved")
            let (a, b, c) = (try SocketAddress(host: "10.0.0.1", port: 80), try SocketAddress(host: "10.0.0.2", port: 80),
                             try SocketAddress(host: "10.0.0.3", port: 80))
            origin.resolved([a, b], now: 0)
            XCTAssertEqual(origin.currentAddress(now: 1), 0)
            XCTAssertEqual(origin.address(after: 0), 1)
            XCTAssertEqual(origin.currentAddress(now: 2), 1)
            XCTAssertEqual(origin.address(after: 0), 1, "a failure of a non-preferred address moves nothing")
            XCTAssertEqual(origin.preferred, 1)
            origin.resolved([c, b, a], now: 3)
            XCTAssertEqual(origin.preferred, 1, "b is still listed, at index 1")
            origin.resolved([c, a], now: 4)
            XCTAssertEqual(origin.preferred, 0, "b is gone: back to the answer's first")
            XCTAssertNil(origin.currentAddress(now: 4 + UpstreamOrigin.addressTTLMs), "an answer goes stale")
            let single = UpstreamOrigin(client: client, host: "10.0.0.9", port: 80, address: a, authority: [])
            XCTAssertNil(single.address(after: 0), "one address: nothing to fall back to")
            XCTAssertEqual(single.currentAddress(now: .max), 0, "an IP literal never goes stale")
            XCTAssertEqual(a, try SocketAddress(host: "10.0.0.1", port: 80))
            XCTAssertNotEqual(a, try SocketAddress(host: "10.0.0.1", port: 81))
            XCTAssertNotEqual(try SocketAddress(host: "::1", port: 80), try SocketAddress(host: "127.0.0.1", port: 80))
        }.value
    }
}
