import Foundation
import HTTP1
import XCTest
@testable import HTTP
import Loop

final class HTTPServerTests: XCTestCase {
    /// Echoes method, path and body length; `/stream` answers three chunks; `/silent` returns
    /// without responding; `/slow` streams until the client goes away.
    @LoopActor
    static func makeServer(limits: ParserLimits = ParserLimits(), timeouts: ServerTimeouts = ServerTimeouts(),
                           probe: ServerProbe) throws -> (HTTPServer, Int) {
        let server = HTTPServer(limits: limits, timeouts: timeouts) { request, writer in
            probe.onLoopThread = probe.onLoopThread && EventLoop.shared.inLoopThread
            probe.requests += 1
            switch request.path {
            case "/stream":
                writer.startStream(status: .ok, headers: ["Content-Type": "text/event-stream"])
                for i in 0..<3 { await writer.write(Array("data: \(i)\n\n".utf8)) }
                writer.finish()
            case "/silent":
                return
            case "/handoff":
                // The handler returns at once; another task writes and finishes the stream.
                writer.handOff()
                writer.startStream(status: .ok)
                EventLoop.shared.spawn {
                    for i in 0..<3 {
                        await EventLoop.shared.sleep(milliseconds: 5)
                        await writer.write(Array("late \(i)\n".utf8))
                    }
                    writer.finish()
                }
            case "/slow":
                writer.onClientGone { probe.clientGone += 1 }
                writer.startStream(status: .ok)
                while await writer.write(Array("tick\n".utf8)) {
                    await EventLoop.shared.sleep(milliseconds: 10)
                }
            default:
                let text = "\(request.method) \(request.path) \(request.body.count)"
                writer.respond(status: .ok, body: Array(text.utf8))
            }
        }
        return (server, try server.listen(host: "127.0.0.1", port: 0))
    }

    func testKeepAliveAndPipelinedRequestsAnswerInOrder() async throws {
        let text = try await EventLoop.shared.spawn { () async throws -> String in
            let probe = ServerProbe()
            let (server, port) = try Self.makeServer(probe: probe)
            defer { server.close() }
            let client = try await RawClient(port: port)
            client.send("POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabcGET /b HTTP/1.1\r\nHost: x\r\n\r\n"
                        + "POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhi\r\n0\r\n\r\n")
            await client.wait { $0.contains("POST /c 2") }
            XCTAssertFalse(client.closedByServer, client.text)
            XCTAssertTrue(probe.onLoopThread, "handlers ran on the loop thread")
            client.close()
            return client.text
        }.value
        let a = try XCTUnwrap(text.range(of: "POST /a 3")), b = try XCTUnwrap(text.range(of: "GET /b 0"))
        let c = try XCTUnwrap(text.range(of: "POST /c 2"))
        XCTAssertTrue(a.lowerBound < b.lowerBound && b.lowerBound < c.lowerBound)
        XCTAssertEqual(text.occurrences(of: "HTTP/1.1 200 OK"), 3)
    }

    func testStreamingUsesChunkedFramingAndHTTP10GetsCloseDelimited() async throws {
        let (eleven, ten, tenClosed) = try await EventLoop.shared.spawn { () async throws -> (String, String, Bool) in
            let (server, port) = try Self.makeServer(probe: ServerProbe())
            defer { server.close() }
            let one = try await RawClient(port: port)
            one.send("GET /stream HTTP/1.1\r\nHost: x\r\n\r\n")
            await one.wait { $0.hasSuffix("0\r\n\r\n") }
            one.close()
            let two = try await RawClient(port: port)
            two.send("GET /stream HTTP/1.0\r\nHost: x\r\n\r\n")
            await two.waitForClose()
            return (one.text, two.text, two.closedByServer)
        }.value
        XCTAssertTrue(eleven.contains("Transfer-Encoding: chunked"))
        XCTAssertTrue(eleven.contains("9\r\ndata: 0\n\n\r\n"))
        XCTAssertFalse(ten.contains("chunked"))
        XCTAssertTrue(ten.hasSuffix("data: 0\n\ndata: 1\n\ndata: 2\n\n"))
        XCTAssertTrue(tenClosed)
    }

    func testRejectionsAnswerTheRightStatusAndClose() async throws {
        let cases: [(String, String)] = [
            ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n", "413"),
            ("GET / HTTP/1.1\r\nHost: x\r\nX-Big: \(String(repeating: "a", count: 3000))\r\n\r\n", "431"),
            ("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n", "400"),
            ("GARBAGE\r\n\r\n", "400"),
            ("GET / HTTP/1.1\r\nHost: x\r\nBad Header: x\r\n\r\n", "400"),
        ]
        for (request, status) in cases {
            let (text, closed) = try await EventLoop.shared.spawn { () async throws -> (String, Bool) in
                let limits = ParserLimits(maxHeaderBytes: 2048, maxBodyBytes: 1024)
                let (server, port) = try Self.makeServer(limits: limits, probe: ServerProbe())
                defer { server.close() }
                let client = try await RawClient(port: port)
                client.send(request)
                await client.waitForClose()
                return (client.text, client.closedByServer)
            }.value
            XCTAssertTrue(text.hasPrefix("HTTP/1.1 \(status)"), "\(request.prefix(40)) → \(text.prefix(40))")
            XCTAssertTrue(closed)
        }
    }

    func testSlowHeaderGets408AndIdleConnectionIsClosed() async throws {
        let (slow, idleClosed) = try await EventLoop.shared.spawn { () async throws -> (String, Bool) in
            let (server, port) = try Self.makeServer(timeouts: ServerTimeouts(headerMs: 100, idleMs: 150), probe: ServerProbe())
            defer { server.close() }
            let slow = try await RawClient(port: port)
            slow.send("GET / HTTP/1.1\r\nHost: x\r\nHost: x\r\n")
            await slow.waitForClose()
            let idle = try await RawClient(port: port)
            await idle.waitForClose()
            return (slow.text, idle.closedByServer && idle.text.isEmpty)
        }.value
        XCTAssertTrue(slow.hasPrefix("HTTP/1.1 408"))
        XCTAssertTrue(idleClosed)
    }

    func testHandlerThatDoesNotRespondYields500() async throws {
        let text = try await EventLoop.shared.spawn { () async throws -> String in
            let (server, port) = try Self.makeServer(probe: ServerProbe())
            defer { server.close() }
            let client = try await RawClient(port: port)
            client.send("GET /silent HTTP/1.1\r\nHost: x\r\n\r\n")
            await client.wait { $0.contains("\r\n\r\n") }
            client.close()
            return client.text
        }.value
        XCTAssertTrue(text.hasPrefix("HTTP/1.1 500"))
    }

    func testHandedOffResponseIsFinishedByItsNewTaskNotTheServer() async throws {
        let text = try await EventLoop.shared.spawn { () async throws -> String in
            let (server, port) = try Self.makeServer(probe: ServerProbe())
            defer { server.close() }
            let client = try await RawClient(port: port)
            client.send("GET /handoff HTTP/1.1\r\nHost: x\r\n\r\nGET /after HTTP/1.1\r\nHost: x\r\n\r\n")
            await client.wait { $0.contains("GET /after 0") }
            client.close()
            return client.text
        }.value
        // All three late pieces precede the chunked terminator, and the pipelined request after
        // it is answered on the same connection.
        let late = try XCTUnwrap(text.range(of: "late 2\n")), end = try XCTUnwrap(text.range(of: "0\r\n\r\n"))
        XCTAssertTrue(late.upperBound <= end.lowerBound, text)
        XCTAssertTrue(text.hasPrefix("HTTP/1.1 200"), text)
        XCTAssertFalse(text.contains(" 500 "), text)
    }

    func testClientGoingAwayMidStreamIsReported() async throws {
        let gone = try await EventLoop.shared.spawn { () async throws -> Int in
            let probe = ServerProbe()
            let (server, port) = try Self.makeServer(probe: probe)
            defer { server.close() }
            let client = try await RawClient(port: port)
            client.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n")
            await client.wait { $0.contains("tick") }
            client.close()
            for _ in 0..<100 where probe.clientGone == 0 { await EventLoop.shared.sleep(milliseconds: 5) }
            return probe.clientGone
        }.value
        XCTAssertEqual(gone, 1)
    }
}

/// Observations a test server's handler records.
@LoopActor
final class ServerProbe {
    var requests = 0
    var clientGone = 0
    var onLoopThread = true
}

extension HTTPServerTests {
    func testSlowBodyGets408() async throws {
        let text = try await EventLoop.shared.spawn { () async throws -> String in
            let (server, port) = try Self.makeServer(timeouts: ServerTimeouts(headerMs: 1_000, idleMs: 150), probe: ServerProbe())
            defer { server.close() }
            let client = try await RawClient(port: port)
            client.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc")
            await client.waitForClose()
            return client.text
        }.value
        XCTAssertTrue(text.hasPrefix("HTTP/1.1 408"), text)
    }
}
