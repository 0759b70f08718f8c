import HTTP1
import XCTest
@testable import HTTP
import Loop

/// A held stream head goes out with the first piece, and the last piece with the body's end:
/// one write each instead of two, bytes unchanged.
final class ResponseWriterTests: XCTestCase {
    /// `/held`: holds the head, checks nothing was sent, then writes two pieces and ends with a
    /// third. `/held-empty`: holds the head and flushes it with no piece. The handler records
    /// the writes its connection issued.
    @LoopActor
    static func makeServer(probe: WriteProbe) throws -> (HTTPServer, Int) {
        let server = HTTPServer { request, writer in
            let tcp = writer.connection.tcp
            let before = tcp.writesIssued
            switch request.path {
            case "/held":
                writer.startStream(status: .ok, headers: ["Content-Type": "text/event-stream"], holdingHead: true)
                probe.afterHead = tcp.writesIssued - before
                writer.writeNow(Array("data: a\n\n".utf8))
                probe.afterFirst = tcp.writesIssued - before
                writer.writeNow(Array("data: b\n\n".utf8))
                writer.finish(after: Array("data: [DONE]\n\n".utf8))
                probe.writes = tcp.writesIssued - before
            case "/held-empty":
                writer.startStream(status: .ok, holdingHead: true)
                await EventLoop.shared.sleep(milliseconds: 30)
                writer.flushHead()
                await EventLoop.shared.sleep(milliseconds: 30)
                writer.finish(after: [])
            default:
                writer.respond(status: .ok, body: Array("plain".utf8))
            }
        }
        return (server, try server.listen(host: "127.0.0.1", port: 0))
    }

    func testHeldHeadGoesWithFirstPieceAndLastPieceWithTheEnd() async throws {
        let (text, writes) = try await EventLoop.shared.spawn { () async throws -> (String, [Int]) in
            let probe = WriteProbe()
            let (server, port) = try Self.makeServer(probe: probe)
            defer { server.close() }
            let client = try await RawClient(port: port)
            client.send("GET /held HTTP/1.1\r\nHost: x\r\n\r\nGET /after HTTP/1.1\r\nHost: x\r\n\r\n")
            await client.wait { $0.contains("plain") }
            client.close()
            return (client.text, [probe.afterHead, probe.afterFirst, probe.writes])
        }.value
        let body = "9\r\ndata: a\n\n\r\n9\r\ndata: b\n\n\r\ne\r\ndata: [DONE]\n\n\r\n0\r\n\r\n"
        let head = try XCTUnwrap(text.range(of: "\r\n\r\n"))
        XCTAssertTrue(text.hasPrefix("HTTP/1.1 200"), text)
        XCTAssertTrue(text[head.upperBound...].hasPrefix(body), text)
        // The pipelined request after it is answered on the same connection.
        XCTAssertTrue(text.hasSuffix("plain"), text)
        // Writes after the held head, after the first piece, in all: head+a, b, last piece+end.
        XCTAssertEqual(writes, [0, 1, 3])
    }

    func testHeadRequestsGetTheHeadAloneForWholeAndStreamedAnswers() async throws {
        let text = try await EventLoop.shared.spawn { () async throws -> String in
            let (server, port) = try Self.makeServer(probe: WriteProbe())
            defer { server.close() }
            let client = try await RawClient(port: port)
            client.send("HEAD /held HTTP/1.1\r\nHost: x\r\n\r\nHEAD /whole HTTP/1.1\r\nHost: x\r\n\r\n"
                        + "GET /after HTTP/1.1\r\nHost: x\r\n\r\n")
            await client.wait { $0.contains("plain") }
            client.close()
            return client.text
        }.value
        let answers = text.components(separatedBy: "\r\n\r\n")
        // Streamed: the head (chunked) and nothing after it; whole: the head with the length
        // a GET would get, and no body; then the pipelined GET, in step.
        XCTAssertEqual(answers.count, 4, text)
        XCTAssertTrue(answers[0].hasPrefix("HTTP/1.1 200") && answers[0].lowercased().contains("transfer-encoding: chunked"), text)
        XCTAssertTrue(answers[1].hasPrefix("HTTP/1.1 200") && answers[1].lowercased().contains("content-length: 5"), text)
        XCTAssertTrue(answers[2].hasPrefix("HTTP/1.1 200"), text)
        XCTAssertEqual(answers[3], "plain")
    }

    func testFlushHeadSendsAHeldHeadAlone() async throws {
        let (early, text) = try await EventLoop.shared.spawn { () async throws -> (String, String) in
            let (server, port) = try Self.makeServer(probe: WriteProbe())
            defer { server.close() }
            let client = try await RawClient(port: port)
            client.send("GET /held-empty HTTP/1.1\r\nHost: x\r\n\r\n")
            await client.wait { $0.contains("\r\n\r\n") }
            let early = client.text
            await client.wait { $0.hasSuffix("0\r\n\r\n") }
            client.close()
            return (early, client.text)
        }.value
        XCTAssertTrue(early.hasPrefix("HTTP/1.1 200") && early.hasSuffix("\r\n\r\n"), "the head alone first: \(early)")
        XCTAssertTrue(text.hasSuffix("\r\n\r\n0\r\n\r\n"), "an empty body: \(text)")
    }

    func testHTTP10StreamEndsByClosingWithTheLastPiece() async throws {
        let text = try await EventLoop.shared.spawn { () async throws -> String in
            let (server, port) = try Self.makeServer(probe: WriteProbe())
            defer { server.close() }
            let client = try await RawClient(port: port)
            client.send("GET /held HTTP/1.0\r\nHost: x\r\n\r\n")
            await client.waitForClose()
            return client.text
        }.value
        XCTAssertTrue(text.hasPrefix("HTTP/1.0 200") || text.hasPrefix("HTTP/1.1 200"), text)
        XCTAssertTrue(text.hasSuffix("\r\n\r\ndata: a\n\ndata: b\n\ndata: [DONE]\n\n"), text)
    }
}

/// Write counts a test handler records.
@LoopActor
final class WriteProbe {
    var afterHead = -1
    var afterFirst = -1
    var writes = -1
}
