import XCTest
@testable import HTTP
import Loop

/// What only the native transport does: which URLs it takes, the request head it writes,
/// connection reuse rules, the retry after a dead kept-alive connection, framing errors,
/// its own total deadline and read back-pressure. (The cases both transports share run on
/// both in `UpstreamClientTests`.)
final class NativeUpstreamTests: XCTestCase {
    func testOnlyPlainHTTPIsNative() {
        func parsed(_ url: String) -> String? {
            guard let p = NativeTargetCache.parse(url) else { return nil }
            return "\(p.host) \(p.port) \(String(decoding: p.authority, as: UTF8.self)) \(String(decoding: p.target, as: UTF8.self))"
        }
        XCTAssertEqual(parsed("http://127.0.0.1:8080/v1/chat/completions"), "127.0.0.1 8080 127.0.0.1:8080 /v1/chat/completions")
        XCTAssertEqual(parsed("http://localhost/v1?x=1"), "localhost 80 localhost /v1?x=1")
        XCTAssertEqual(parsed("HTTP://LocalHost:80"), "localhost 80 LocalHost /")
        XCTAssertEqual(parsed("http://[::1]:9/x"), "::1 9 [::1]:9 /x")
        XCTAssertEqual(parsed("http://10.0.0.7:8000?alt=sse"), "10.0.0.7 8000 10.0.0.7:8000 /?alt=sse")
        XCTAssertEqual(parsed("http://vLLM.svc.cluster.local:8000/v1"), "vllm.svc.cluster.local 8000 vLLM.svc.cluster.local:8000 /v1")
        for curlOnly in ["https://127.0.0.1/v1", "http://api_x.example.com/v1", "http://-x.example.com/v1", "http://user:pw@127.0.0.1/v1",
                         "http://127.0.0.1:99999/v1", "http://127.0.0.1:/v1", "http://256.1.1.1/v1",
                         "http://127.0.0.1/v1 x", "http://127.0.0.1/v1#frag", "http:///v1", "ftp://127.0.0.1/"] {
            XCTAssertNil(parsed(curlOnly), curlOnly)
        }
    }

    func testRequestHeadCarriesHostAndLengthAndRefusesInjectedLines() async throws {
        try await EventLoop.shared.spawn { () async throws in
            let client = UpstreamClient()
            var cache = NativeTargetCache()
            let target = try XCTUnwrap(cache.target(for: "http://127.0.0.1:9/v1/x", client: client))
            let head = UpstreamClient.requestHead(UpstreamRequest(
                url: "", headers: [("Authorization", "Bearer k"), ("content-length", "999")], body: Array("{}".utf8)), target: target)
            XCTAssertEqual(head.map { String(decoding: $0, as: UTF8.self) },
                           "POST /v1/x HTTP/1.1\r\nAuthorization: Bearer k\r\nHost: 127.0.0.1:9\r\nContent-Length: 2\r\n\r\n")
            XCTAssertNil(UpstreamClient.requestHead(UpstreamRequest(url: "", headers: [("X-A", "b\r\nX-Evil: 1")]), target: target))
            XCTAssertNil(UpstreamClient.requestHead(UpstreamRequest(url: "", headers: [("X A", "b")]), target: target))
            let get = UpstreamClient.requestHead(UpstreamRequest(method: "GET", url: ""), target: target)
            XCTAssertEqual(get.map { String(decoding: $0, as: UTF8.self) }, "GET /v1/x HTTP/1.1\r\nHost: 127.0.0.1:9\r\n\r\n")
        }.value
    }

    func testANameIsLookedUpOnceForTheRequestsWaitingOnItAndKeptForTheNext() async throws {
        let outcome = try await EventLoop.shared.spawn { () async throws -> ([Int], Int, Int) in
            let server = try CannedServer { _ in [.pause(10), .send("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")] }
            defer { server.close() }
            let client = UpstreamClient()
            let url = "http://localhost:\(server.port)/v1/test"
            var statuses: [Int] = []
            for wave in [3, 4] {  // the second wave opens one connection more, without a lookup
                let transfers = (0..<wave).map { _ in client.send(UpstreamRequest(url: url, body: Array("{}".utf8))) }
                for transfer in transfers {
                    statuses.append(try await transfer.head().status)
                    _ = try await transfer.collect()
                }
            }
            XCTAssertTrue(server.requests.first?.contains("Host: localhost:\(server.port)\r\n") ?? false)
            return (statuses, client.lookups, server.accepted)
        }.value
        XCTAssertEqual(outcome.0, Array(repeating: 200, count: 7))
        XCTAssertEqual(outcome.1, 1, "one lookup for the three waiting requests, none for the next wave")
        XCTAssertEqual(outcome.2, 4)
    }

    func testANameThatDoesNotResolveIsAConnectFailureAndACancelledWaitEndsCleanly() async throws {
        let outcome = try await EventLoop.shared.spawn { () async throws -> (UpstreamError.Kind?, UpstreamError.Kind?, Int) in
            let client = UpstreamClient()
            // RFC 6761: .invalid names never resolve.
            let request = UpstreamRequest(url: "http://no-such-host.invalid/v1", timeouts: UpstreamTimeouts(connectMs: 3_000))
            let waiting = client.send(request)
            let cancelled = client.send(request)
            cancelled.cancel()
            var kinds: [UpstreamError.Kind?] = []
            for transfer in [waiting, cancelled] {
                do { _ = try await transfer.head(); kinds.append(nil) } catch { kinds.append((error as? UpstreamError)?.kind) }
            }
            return (kinds[0], kinds[1], client.inFlight)
        }.value
        XCTAssertTrue(outcome.0 == .connect || outcome.0 == .connectTimeout, "\(String(describing: outcome.0))")
        XCTAssertEqual(outcome.1, .canceled)
        XCTAssertEqual(outcome.2, 0)
    }

    func testARequestThatMeetsADeadKeptAliveConnectionGoesOnceMoreOnANewOne() async throws {
        let outcome = try await EventLoop.shared.spawn { () async throws -> ([Int], Int, Int) in
            var calls = 0
            let server = try CannedServer { _ in
                calls += 1
                // The second request finds its kept-alive connection closing under it.
                return calls == 2 ? [.close] : [.send("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")]
            }
            defer { server.close() }
            let client = UpstreamClient()
            var statuses: [Int] = []
            for _ in 0..<2 {
                let transfer = client.send(UpstreamRequest(url: server.url, body: Array("{}".utf8)))
                statuses.append(try await transfer.head().status)
                let body = try await transfer.collect()
                XCTAssertEqual(body, Array("ok".utf8))
            }
            return (statuses, server.accepted, server.requests.count)
        }.value
        XCTAssertEqual(outcome.0, [200, 200])
        XCTAssertEqual(outcome.1, 2, "the retry opened a connection")
        XCTAssertEqual(outcome.2, 3, "the second request arrived twice")
    }

    func testANewConnectionClosedBeforeAnsweringIsAResetNotARetry() async throws {
        let outcome = try await EventLoop.shared.spawn { () async throws -> (UpstreamError.Kind?, Int) in
            let server = try CannedServer { _ in [.close] }
            defer { server.close() }
            let transfer = UpstreamClient().send(UpstreamRequest(url: server.url, body: Array("{}".utf8)))
            do { _ = try await transfer.head(); return (nil, server.accepted) } catch {
                return ((error as? UpstreamError)?.kind, server.accepted)
            }
        }.value
        XCTAssertEqual(outcome.0, .reset)
        XCTAssertEqual(outcome.1, 1)
    }

    func testFramingDecidesWhatIsReadAndWhetherTheConnectionIsKept() async throws {
        // (answer, then close?) → (body or error kind, parked connections afterwards)
        let cases: [(String, Bool, String, Int)] = [
            ("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", false, "ok", 1),
            ("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokEXTRA", false, "ok", 0),
            ("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok", false, "ok", 0),
            ("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok", false, "ok", 0),
            ("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n", false, "ok", 1),
            ("HTTP/1.1 200 OK\r\n\r\nuntil close", true, "until close", 0),
            ("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", true, "error reset", 0),
            ("HTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\nok", false, "error other", 0),
            ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", false, "error other", 0),
            ("SMTP ready\r\n\r\n", false, "error other", 0),
        ]
        for (answer, closes, expected, parked) in cases {
            let outcome = try await EventLoop.shared.spawn { () async throws -> (String, Int) in
                let server = try CannedServer { _ in closes ? [.send(answer), .pause(5), .close] : [.send(answer)] }
                defer { server.close() }
                let client = UpstreamClient()
                let transfer = client.send(UpstreamRequest(url: server.url, body: Array("{}".utf8)))
                do {
                    _ = try await transfer.head()
                    let body = String(decoding: try await transfer.collect(), as: UTF8.self)
                    return (body, client.parkedConnections)
                } catch {
                    return ("error \((error as? UpstreamError)?.kind.rawValue ?? "?")", client.parkedConnections)
                }
            }.value
            XCTAssertEqual(outcome.0, expected, answer)
            XCTAssertEqual(outcome.1, parked, answer)
        }
    }

    func testTotalDeadlineEndsAStreamThatNeverStops() async throws {
        let kind = try await EventLoop.shared.spawn { () async throws -> UpstreamError.Kind? in
            let server = try CannedServer { _ in
                [.send("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")]
                    + Array(repeating: [CannedServer.Step.send("1\r\nx\r\n"), .pause(20)], count: 50).flatMap { $0 }
            }
            defer { server.close() }
            let transfer = UpstreamClient().send(UpstreamRequest(url: server.url, timeouts: UpstreamTimeouts(totalMs: 150),
                                                                 streaming: true))
            do { _ = try await transfer.collect(); return nil } catch { return (error as? UpstreamError)?.kind }
        }.value
        XCTAssertEqual(kind, .totalTimeout)
    }

    func testASlowConsumerPausesReadingAndGetsEveryByte() async throws {
        let size = 3 << 20
        let outcome = try await EventLoop.shared.spawn { () async throws -> (Int, Bool) in
            let body = String(repeating: "y", count: size)
            let server = try CannedServer { _ in [.send("HTTP/1.1 200 OK\r\nContent-Length: \(size)\r\n\r\n" + body)] }
            defer { server.close() }
            let transfer = UpstreamClient().send(UpstreamRequest(url: server.url))
            _ = try await transfer.head()
            var sawPause = false
            for _ in 0..<200 where !sawPause {
                await EventLoop.shared.sleep(milliseconds: 5)
                sawPause = transfer.paused
            }
            return (try await transfer.collect().count, sawPause)
        }.value
        XCTAssertTrue(outcome.1, "reading paused past 1 MiB buffered")
        XCTAssertEqual(outcome.0, size)
    }
}
