import XCTest
@testable import HTTP
import Loop

/// Every case runs against both transports: curl (`native` false) and the native client.
final class UpstreamClientTests: XCTestCase {
    func testStreamedBodyArrivesInPiecesAndConnectionIsReused() async throws {
        for native in [false, true] {
            let outcome = try await EventLoop.shared.spawn { () async throws -> ([String], Int, Int, Int) in
                let server = try CannedServer { _ in
                    let one = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
                    return [.send(one + "6\r\ndata:1\r\n"), .pause(30), .send("6\r\ndata:2\r\n0\r\n\r\n"),
                            .send(""), .pause(5)]
                }
                let client = UpstreamClient(nativeHTTP: native)
                var pieces: [String] = []
                for _ in 0..<2 {
                    let transfer = client.send(UpstreamRequest(url: server.url, body: Array("{}".utf8), streaming: true))
                    let head = try await transfer.head()
                    XCTAssertEqual(head.status, 200)
                    XCTAssertEqual(head.header("content-type"), "text/event-stream")
                    XCTAssertNil(transfer.body, "the request body is freed once curl has sent it")
                    while let piece = try await transfer.next() { pieces.append(String(decoding: piece, as: UTF8.self)) }
                }
                let watched = client.idleOrWatchedConnections
                server.close()
                return (pieces, server.accepted, client.completed, watched)
            }.value
            XCTAssertEqual(outcome.0, ["data:1", "data:2", "data:1", "data:2"])
            XCTAssertEqual(outcome.1, 1, "keep-alive connection reused for the second request")
            XCTAssertEqual(outcome.2, 2)
            XCTAssertEqual(outcome.3, 1, "the idle connection's poll handle is kept for its next transfer")
        }
    }

    func testConcurrentTransfersOpenConnectionsThatTheNextWaveReuses() async throws {
        for native in [false, true] {
            // While every connection is busy a new transfer connects without searching the pool;
            // once they are idle, the next transfers search and reuse them.
            let outcome = try await EventLoop.shared.spawn { () async throws -> (Int, Int, [Int]) in
                let server = try CannedServer { _ in
                    [.pause(30), .send("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")]
                }
                let client = UpstreamClient(nativeHTTP: native)
                var statuses: [Int] = []
                var accepted: [Int] = []
                for _ in 0..<2 {
                    let transfers = (0..<3).map { _ in client.send(UpstreamRequest(url: server.url, body: Array("{}".utf8))) }
                    for transfer in transfers {
                        statuses.append(try await transfer.head().status)
                        _ = try await transfer.collect()
                    }
                    accepted.append(server.accepted)
                }
                server.close()
                return (statuses.filter { $0 == 200 }.count, client.completed, accepted)
            }.value
            XCTAssertEqual(outcome.0, 6)
            XCTAssertEqual(outcome.1, 6)
            XCTAssertEqual(outcome.2, [3, 3], "three connections for three concurrent transfers, reused by the next three")
        }
    }

    func testConnectionsOfTransfersStartedAboveTheIdleTargetCloseWhenTheyEnd() async throws {
        for native in [false, true] {
            // With room for two idle connections, a wave of four keeps the first two connections
            // and closes the other two; the next wave reuses the two and opens two that close again.
            let outcome = try await EventLoop.shared.spawn { () async throws -> ([Int], [Int], Int) in
                let server = try CannedServer { _ in
                    [.pause(30), .send("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")]
                }
                let client = UpstreamClient(idleConnections: 2, nativeHTTP: native)
                var accepted: [Int] = []
                var open: [Int] = []
                for _ in 0..<2 {
                    let transfers = (0..<4).map { _ in client.send(UpstreamRequest(url: server.url, body: Array("{}".utf8))) }
                    for transfer in transfers { _ = try await transfer.collect() }
                    accepted.append(server.accepted)
                    open.append(client.idleOrWatchedConnections)
                }
                server.close()
                return (accepted, open, client.completed)
            }.value
            XCTAssertEqual(outcome.0, [4, 6], "two connections reused by the second wave, two opened anew")
            XCTAssertEqual(outcome.1, [2, 2], "only the two connections below the target stay open")
            XCTAssertEqual(outcome.2, 8)
        }
    }

    func testADroppedClientIgnoresItsIdleConnectionsClosing() async throws {
        for native in [false, true] {
            // A client let go with connections idle in curl's pool stops watching them: when the
            // server closes them afterwards, no callback may reach the freed client. (Half the runs
            // of the HTTP tests crashed here before the client's deinit stopped its poll handles.)
            let accepted = try await EventLoop.shared.spawn { () async throws -> Int in
                let server = try CannedServer { _ in [.send("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")] }
                do {
                    let client = UpstreamClient(nativeHTTP: native)
                    let transfers = (0..<3).map { _ in client.send(UpstreamRequest(url: server.url, body: Array("{}".utf8))) }
                    for transfer in transfers { _ = try await transfer.collect() }
                }
                await EventLoop.shared.sleep(milliseconds: 10)
                server.close()  // closes the three connections the dropped client kept idle
                await EventLoop.shared.sleep(milliseconds: 50)
                return server.accepted
            }.value
            XCTAssertEqual(accepted, 3)
        }
    }

    func testAnIdleConnectionTheServerClosesIsReplacedOnTheNextRequest() async throws {
        for native in [false, true] {
            // The idle connection stays parked on its read watch; the server's close makes it
            // readable, the watch stops (curl is not told), and the next request opens a new one.
            let outcome = try await EventLoop.shared.spawn { () async throws -> ([Int], Int, Int) in
                let server = try CannedServer { _ in
                    [.send("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"), .pause(20), .close]
                }
                let client = UpstreamClient(nativeHTTP: native)
                var statuses: [Int] = []
                for _ in 0..<3 {
                    let transfer = client.send(UpstreamRequest(url: server.url, body: Array("{}".utf8)))
                    statuses.append(try await transfer.head().status)
                    _ = try await transfer.collect()
                    await EventLoop.shared.sleep(milliseconds: 60)
                }
                let watched = client.idleOrWatchedConnections
                server.close()
                return (statuses, server.accepted, watched)
            }.value
            XCTAssertEqual(outcome.0, [200, 200, 200])
            XCTAssertEqual(outcome.1, 3, "each request after a server-side close needs a new connection")
            XCTAssertLessThanOrEqual(outcome.2, 1, "closed connections' watches are gone")
        }
    }

    func testFirstByteTimeoutFailsAndClosesUpstreamConnection() async throws {
        for native in [false, true] {
            let outcome = try await EventLoop.shared.spawn { () async throws -> (UpstreamError?, Int, Int) in
                let server = try CannedServer { _ in [.pause(2_000)] }
                let client = UpstreamClient(nativeHTTP: native)
                let transfer = client.send(UpstreamRequest(url: server.url, timeouts: UpstreamTimeouts(firstByteMs: 50)))
                var failure: UpstreamError?
                do { _ = try await transfer.head() } catch { failure = error as? UpstreamError }
                for _ in 0..<100 where server.closedByClient == 0 { await EventLoop.shared.sleep(milliseconds: 5) }
                server.close()
                return (failure, server.closedByClient, client.idleOrWatchedConnections)
            }.value
            XCTAssertEqual(outcome.0?.kind, .firstByteTimeout)
            XCTAssertEqual(outcome.1, 1, "the stalled upstream connection was dropped")
            XCTAssertEqual(outcome.2, 0, "closing the socket closed its poll handle")
        }
    }

    func testIdleTimeoutBetweenChunks() async throws {
        for native in [false, true] {
            let kind = try await EventLoop.shared.spawn { () async throws -> UpstreamError.Kind? in
                let server = try CannedServer { _ in
                    [.send("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhi\r\n"), .pause(2_000)]
                }
                let client = UpstreamClient(nativeHTTP: native)
                let transfer = client.send(UpstreamRequest(url: server.url, timeouts: UpstreamTimeouts(idleMs: 60)))
                defer { server.close() }
                do {
                    _ = try await transfer.head()
                    let first = try await transfer.next()
                    XCTAssertEqual(first, Array("hi".utf8))
                    _ = try await transfer.next()
                    return nil
                } catch { return (error as? UpstreamError)?.kind }
            }.value
            XCTAssertEqual(kind, .idleTimeout)
        }
    }

    func testAStreamMayThinkAfterItsHeadButAWholeAnswerMayNot() async throws {
        for native in [false, true] {
            // The head, then 200 ms of silence (a reasoning model before its first token), then the
            // body: past the 60 ms idle limit, which a stream starts counting at its first body byte.
            let kinds = try await EventLoop.shared.spawn { () async throws -> [UpstreamError.Kind?] in
                let server = try CannedServer { _ in
                    [.send("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"), .pause(200),
                     .send("2\r\nhi\r\n0\r\n\r\n")]
                }
                defer { server.close() }
                let client = UpstreamClient(nativeHTTP: native)
                var kinds: [UpstreamError.Kind?] = []
                for streaming in [true, false] {
                    let transfer = client.send(UpstreamRequest(url: server.url, timeouts: UpstreamTimeouts(idleMs: 60),
                                                               streaming: streaming))
                    do {
                        _ = try await transfer.head()
                        let body = try await transfer.collect()
                        XCTAssertEqual(body, Array("hi".utf8))
                        kinds.append(nil)
                    } catch { kinds.append((error as? UpstreamError)?.kind) }
                }
                return kinds
            }.value
            XCTAssertEqual(kinds, [nil, .idleTimeout])
        }
    }

    func testIdleTimeoutCountsFromTheLatestChunk() async throws {
        for native in [false, true] {
            // Six chunks 30 ms apart outlast the 60 ms idle limit in total but never go quiet for it;
            // the deadline is checked lazily, so it must measure from the latest chunk, not the first.
            let (pieces, kind) = try await EventLoop.shared.spawn { () async throws -> (Int, UpstreamError.Kind?) in
                let server = try CannedServer { _ in
                    [.send("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")]
                        + Array(repeating: [CannedServer.Step.send("1\r\nx\r\n"), .pause(30)], count: 6).flatMap { $0 }
                        + [.pause(2_000)]
                }
                let client = UpstreamClient(nativeHTTP: native)
                let transfer = client.send(UpstreamRequest(url: server.url, timeouts: UpstreamTimeouts(idleMs: 60)))
                defer { server.close() }
                var received = 0
                do {
                    _ = try await transfer.head()
                    while let piece = try await transfer.next() { received += piece.count }
                    return (received, nil)
                } catch { return (received, (error as? UpstreamError)?.kind) }
            }.value
            XCTAssertEqual(pieces, 6)
            XCTAssertEqual(kind, .idleTimeout)
        }
    }

    func testCancelRemovesTransferAndServerSeesClose() async throws {
        for native in [false, true] {
            let outcome = try await EventLoop.shared.spawn { () async throws -> (UpstreamError.Kind?, Int, Int) in
                let server = try CannedServer { _ in
                    [.send("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhi\r\n"), .pause(5_000)]
                }
                let client = UpstreamClient(nativeHTTP: native)
                let transfer = client.send(UpstreamRequest(url: server.url))
                _ = try await transfer.head()
                _ = try await transfer.next()
                transfer.cancel()
                var kind: UpstreamError.Kind?
                do { _ = try await transfer.next() } catch { kind = (error as? UpstreamError)?.kind }
                for _ in 0..<100 where server.closedByClient == 0 { await EventLoop.shared.sleep(milliseconds: 5) }
                server.close()
                return (kind, server.closedByClient, client.inFlight)
            }.value
            XCTAssertEqual(outcome.0, .canceled)
            XCTAssertEqual(outcome.1, 1)
            XCTAssertEqual(outcome.2, 0)
        }
    }

    func testConnectionRefusedIsConnectError() async throws {
        for native in [false, true] {
            let kind = try await EventLoop.shared.spawn { () async throws -> UpstreamError.Kind? in
                let client = UpstreamClient(nativeHTTP: native)
                let transfer = client.send(UpstreamRequest(url: "http://127.0.0.1:1/x"))
                do { _ = try await transfer.head(); return nil } catch { return (error as? UpstreamError)?.kind }
            }.value
            XCTAssertEqual(kind, .connect)
        }
    }

    func testNonStreamingCollectWithContentLength() async throws {
        for native in [false, true] {
            let body = try await EventLoop.shared.spawn { () async throws -> String in
                let server = try CannedServer { _ in
                    [.send("HTTP/1.1 404 Not Found\r\nContent-Length: 13\r\nX-Trace: a b \r\n\r\n{\"error\":\"x\"}")]
                }
                defer { server.close() }
                let transfer = UpstreamClient(nativeHTTP: native).send(UpstreamRequest(url: server.url, body: Array("{}".utf8)))
                let head = try await transfer.head()
                XCTAssertEqual(head.status, 404)
                XCTAssertEqual(head.header("x-trace"), "a b")
                XCTAssertTrue(server.requests.first?.contains("POST /v1/test HTTP/1.1") ?? false)
                XCTAssertFalse(server.requests.first?.contains("Expect") ?? true)
                return String(decoding: try await transfer.collect(), as: UTF8.self)
            }.value
            XCTAssertEqual(body, "{\"error\":\"x\"}")
        }
    }
}
