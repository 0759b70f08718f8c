import XCTest
@testable import Gateway
import HTTP
import Loop
import Wire

final class GatewayChatCompletionsTests: XCTestCase {
    func testPrepareSplicesUpstreamModelAndAsksForStreamedUsage() async throws {
        let body = try await EventLoop.shared.spawn { () async throws -> String in
            let harness = try GatewayHarness.start()
            defer { harness.stop() }
            var model: String?
            let call = try harness.gateway.scanChat(Array(#"{"model":"tiny","stream":true,"messages":[{"role":"user","content":"x","model":"keep"}]}"#.utf8),
                                                    dialect: .openAI, requestedModel: &model)
            XCTAssertEqual(model, "tiny")
            let deployment = try harness.gateway.resolve(call.model)
            XCTAssertEqual(deployment.model, "small")
            XCTAssertTrue(call.stream)
            XCTAssertFalse(call.clientWantsUsage)
            let upstream = try ProviderAdapter.chatRequest(call, to: deployment)
            XCTAssertTrue(upstream.url.hasSuffix("/v1/chat/completions"))
            XCTAssertTrue(upstream.headers.contains { $0.name == "Authorization" && $0.value == "Bearer sk-test-upstream" })
            return String(decoding: upstream.body, as: UTF8.self)
        }.value
        let value = try JSONValue.parse(body)
        XCTAssertEqual(value["model"]?.string, "sim-small-v2")
        XCTAssertEqual(value["stream_options"]?["include_usage"]?.bool, true)
        XCTAssertEqual(value["messages"]?[0]?["model"]?.string, "keep", "nested keys are untouched")
    }

    func testPrepareLeavesBodyUntouchedWhenNothingChanges() async throws {
        let same = try await EventLoop.shared.spawn { () async throws -> Bool in
            let harness = try GatewayHarness.start()
            defer { harness.stop() }
            let raw = Array(#"{ "model" : "gpt-4o-mini", "messages": [] }"#.utf8)
            var model: String?
            let call = try harness.gateway.scanChat(raw, dialect: .openAI, requestedModel: &model)
            return try ProviderAdapter.chatRequest(call, to: harness.gateway.resolve(call.model)).body == raw
        }.value
        XCTAssertTrue(same)
    }

    func testPrepareRejectsBadRequestsWithCodes() async throws {
        let cases: [(String, GatewayError.Code, Int, String?)] = [
            (#"{"model":"gpt-4o-mini","#, .malformedJSON, 400, nil),
            (#"{"messages":[]}"#, .missingField, 400, "model"),
            (#"{"model":null}"#, .missingField, 400, "model"),
            (#"{"model":"gpt-4o-mini","stream":1}"#, .invalidField, 400, "stream"),
            (#"{"model":"unknown-model"}"#, .modelNotFound, 404, "model"),
        ]
        let results = try await EventLoop.shared.spawn { () async throws -> [GatewayError?] in
            let harness = try GatewayHarness.start()
            defer { harness.stop() }
            return cases.map { body, _, _, _ -> GatewayError? in
                var model: String?
                do {
                    let call = try harness.gateway.scanChat(Array(body.utf8), dialect: .openAI, requestedModel: &model)
                    _ = try harness.gateway.resolve(call.model)
                    return nil
                } catch let error as GatewayError {
                    return error
                } catch { return nil }
            }
        }.value
        for (result, expected) in zip(results, cases) {
            XCTAssertEqual(result?.code, expected.1, expected.0)
            XCTAssertEqual(result?.status.code, expected.2, expected.0)
            XCTAssertEqual(result?.param, expected.3, expected.0)
        }
    }

    func testEndToEndThroughInProcessSimulator() async throws {
        let (head, body, stream) = try await EventLoop.shared.spawn { () async throws -> (UpstreamResponseHead, String, String) in
            let harness = try GatewayHarness.start()
            defer { harness.stop() }
            let (head, body) = try await harness.post(#"{"model":"small","messages":[{"role":"user","content":"echo:hello"}]}"#)
            let (_, stream) = try await harness.post(#"{"model":"small","stream":true,"messages":[{"role":"user","content":"echo:hello"}]}"#)
            return (head, body, stream)
        }.value
        XCTAssertEqual(head.status, 200)
        XCTAssertEqual(head.header("x-switchyard-model"), "small")
        XCTAssertNotNil(head.header("x-switchyard-request-id"))
        let overhead = try XCTUnwrap(head.header("x-switchyard-overhead-ms").flatMap(Double.init))
        XCTAssertGreaterThanOrEqual(overhead, 0)
        let value = try JSONValue.parse(body)
        XCTAssertEqual(value["choices"]?[0]?["message"]?["content"]?.string, "hello")
        XCTAssertEqual(value["model"]?.string, "sim-small-v2")
        XCTAssertTrue(stream.hasSuffix("data: [DONE]\n\n"))
        XCTAssertFalse(stream.contains(#""choices":[]"#), "usage-only chunk stripped")
    }

    func testUpstreamErrorsMapToStatusesInOpenAIShape() async throws {
        let failing = try await EventLoop.shared.spawn { () async throws -> (Int, String) in
            let harness = try GatewayHarness.start(options: .init(failRate: 1, failStatus: 503))
            defer { harness.stop() }
            let (failHead, failBody) = try await harness.post(#"{"model":"gpt-4o-mini","messages":[{"role":"user","content":"x"}]}"#)
            return (failHead.status, failBody)
        }.value
        XCTAssertEqual(failing.0, 503, "a provider's own error object passes through with its status")
        XCTAssertNotNil(try JSONValue.parse(failing.1)["error"]?["message"]?.string)
    }

    func testGatewayErrorEncodesOpenAIErrorObject() throws {
        let error = GatewayError(.upstreamTimeout, status: .gatewayTimeout, "slow", param: nil)
        let value = try JSONValue.parse(error.openAI.encoded())
        XCTAssertEqual(value["error"]?["type"]?.string, "timeout_error")
        XCTAssertEqual(value["error"]?["code"]?.string, "upstream_timeout")
        XCTAssertEqual(value["error"]?["message"]?.string, "slow")
        XCTAssertEqual(value["error"]?["param"], .null)
        XCTAssertEqual(GatewayError.from(UpstreamError(.connect)).status.code, 502)
        XCTAssertEqual(GatewayError.from(UpstreamError(.idleTimeout)).status.code, 504)
        XCTAssertEqual(GatewayError.from(UpstreamError(.canceled)).status.code, 499)
    }
}
