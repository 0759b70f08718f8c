import XCTest
import HTTP
import Loop
@testable import Sim
import Wire

/// The simulator's Gemini and embeddings routes over real HTTP on the loop.
final class GeminiServerTests: XCTestCase {
    @LoopActor
    private static func call(_ client: UpstreamClient, _ url: String, method: String = "POST", body: String = "{}",
                             headers: [(name: String, value: String)] = [("x-goog-api-key", "test")]) async throws
        -> (Int, UpstreamResponseHead, [UInt8]) {
        let transfer = client.send(UpstreamRequest(method: method, url: url,
                                                   headers: headers + [("Content-Type", "application/json")],
                                                   body: Array(body.utf8)))
        let head = try await transfer.head()
        return (head.status, head, try await transfer.collect())
    }

    func testGenerateStreamKeysAndErrors() async throws {
        let results = try await EventLoop.shared.spawn { () async throws -> [Int] in
            let sim = SimServer(options: SimOptions())
            let base = "http://127.0.0.1:\(try sim.start(host: "127.0.0.1", port: 0))/v1beta/models/gemini-2.5-flash"
            defer { sim.close() }
            let client = UpstreamClient()
            let request = #"{"contents":[{"role":"user","parts":[{"text":"echo:hi there"}]}]}"#
            let (status, head, bytes) = try await Self.call(client, base + ":generateContent", body: request)
            XCTAssertEqual(head.header("content-type"), "application/json; charset=UTF-8")
            let whole = try GeminiResponseDecoder().decode(bytes, requestedModel: "x")
            XCTAssertEqual(whole.parts, [.text("hi there")])

            let (streamStatus, streamHead, streamBytes) = try await Self.call(
                client, base + ":streamGenerateContent?alt=sse", body: request)
            XCTAssertEqual(streamHead.header("content-type"), "text/event-stream")
            var decoder = GeminiStreamDecoder(requestedModel: "x")
            let events = decoder.feed(streamBytes) + decoder.finish()
            XCTAssertEqual(events.last, .finish(.endTurn))

            var statuses = [status, streamStatus]
            statuses.append(try await Self.call(client, base + ":generateContent?key=k", body: request, headers: []).0)
            statuses.append(try await Self.call(client, base + ":generateContent", body: request, headers: []).0)
            statuses.append(try await Self.call(client, base + ":generateContent", method: "GET", body: "").0)
            statuses.append(try await Self.call(client, base + ":countTokens", body: request).0)
            statuses.append(try await Self.call(client, base + ":generateContent", body: "{nope").0)
            let (failed, _, failBody) = try await Self.call(client, base + ":generateContent", body: request,
                                                            headers: [("x-goog-api-key", "k"), ("x-sim-fail-status", "503")])
            XCTAssertEqual(GeminiErrorMapping.providerError(status: failed, body: failBody).kind, .overloaded)
            statuses.append(failed)
            XCTAssertEqual(sim.stats.requests, 5, "generate calls that passed the key check")
            return statuses
        }.value
        XCTAssertEqual(results, [200, 200, 200, 403, 405, 404, 400, 503])
    }

    func testEmbeddingRoutesInBothDialects() async throws {
        let (gemini, openAI, failed) = try await EventLoop.shared.spawn {
            () async throws -> (JSONValue, JSONValue, Int) in
            let sim = SimServer(options: SimOptions())
            let base = "http://127.0.0.1:\(try sim.start(host: "127.0.0.1", port: 0))"
            defer { sim.close() }
            let client = UpstreamClient()
            let embeddings = GeminiEmbeddings(model: "embed", inputs: ["hello", "bye"], dimensions: 16)
            let (_, _, geminiBytes) = try await Self.call(
                client, base + embeddings.path(upstreamModel: "text-embedding-004"),
                body: String(decoding: embeddings.geminiBody(upstreamModel: "text-embedding-004"), as: UTF8.self))
            let translated = try JSONValue.parse(try embeddings.openAIResponse(fromGemini: geminiBytes))
            let (_, _, openAIBytes) = try await Self.call(
                client, base + "/v1/embeddings", body: #"{"model":"embed","input":["hello","bye"],"dimensions":16}"#,
                headers: [("Authorization", "Bearer sk")])
            let (failed, _, _) = try await Self.call(client, base + "/v1/embeddings", body: #"{"model":"e","input":"x"}"#,
                                                     headers: [("x-sim-fail-status", "429")])
            return (translated, try JSONValue.parse(openAIBytes), failed)
        }.value
        XCTAssertEqual(gemini["data"], openAI["data"], "the gateway's translation equals the direct answer")
        XCTAssertEqual(gemini["data"]?[1]?["embedding"]?.array?.count, 16)
        XCTAssertEqual(failed, 429)
    }
}
