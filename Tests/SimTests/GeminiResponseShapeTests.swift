import XCTest
@testable import Sim
import Wire

/// The simulator's Gemini answers, checked field by field and through the gateway's own decoders.
final class GeminiResponseShapeTests: XCTestCase {
    func answer(_ body: String, model: String = "gemini-2.5-flash") throws -> (GeminiDialect.Request, GeminiDialect.Answer) {
        let request = try GeminiDialect.decode(Array(body.utf8), model: model, stream: false)
        var random = SimRandom(seed: 1)
        let completion = ContentGenerator.completion(for: request.chat)
        return (request, GeminiDialect.answer(request, completion: completion, random: &random))
    }

    static let toolRequest = """
        {"contents":[{"role":"user","parts":[{"text":"Please call get_weather and get_time for Paris"}]}],
         "tools":[{"functionDeclarations":[
           {"name":"get_weather","parameters":{"type":"OBJECT","properties":{"city":{"type":"STRING"}},"required":["city"]}},
           {"name":"get_time","parameters":{"type":"OBJECT","properties":{"zone":{"type":"STRING"}},"required":["zone"]}}]}]}
        """

    func testWholeTextAnswerHasGeminisShape() throws {
        let (_, answer) = try answer(#"{"contents":[{"parts":[{"text":"echo:hello there"}]}]}"#)
        let body = try JSONValue.parse(GeminiDialect.responseBody(answer))
        XCTAssertEqual(body["candidates"], [[
            "content": ["parts": [["text": "hello there"]], "role": "model"], "finishReason": "STOP", "index": 0,
        ]])
        XCTAssertEqual(body["usageMetadata"], [
            "promptTokenCount": 11, "candidatesTokenCount": 2, "totalTokenCount": 13,
            "promptTokensDetails": [["modality": "TEXT", "tokenCount": 11]],
        ])
        XCTAssertEqual(body["modelVersion"], "gemini-2.5-flash")
        XCTAssertEqual(body["responseId"]?.string?.count, 23)
        XCTAssertEqual(body.object?.keys, ["candidates", "usageMetadata", "modelVersion", "responseId"])
    }

    func testParallelCallsSignTheFirstCallOnlyAndDecodeForTheGateway() throws {
        let (_, answer) = try answer(Self.toolRequest)
        let bytes = GeminiDialect.responseBody(answer)
        let parts = try JSONValue.parse(bytes)["candidates"]?[0]?["content"]?["parts"]
        XCTAssertEqual(parts?[0]?["functionCall"], ["name": "get_weather", "args": ["city": "Paris"]])
        XCTAssertEqual(parts?[1]?["functionCall"], ["name": "get_time", "args": ["zone": "Paris"]])
        XCTAssertNotNil(parts?[0]?["thoughtSignature"]?.string)
        XCTAssertNil(parts?[1]?["thoughtSignature"])
        XCTAssertEqual(answer.signature, try self.answer(Self.toolRequest).1.signature, "deterministic")

        let decoded = try GeminiResponseDecoder().decode(bytes, requestedModel: "x")
        XCTAssertEqual(decoded.stopReason, .toolUse)
        XCTAssertEqual(decoded.parts.count, 2)
    }

    func testThoughtsGemini3SignaturesCacheAndMaxTokens() throws {
        let long = String(repeating: "word ", count: 1000)
        let (_, answer) = try answer("""
            {"contents":[{"parts":[{"text":"\(long)"}]}],"generationConfig":{"maxOutputTokens":3,
             "thinkingConfig":{"includeThoughts":true}}}
            """, model: "gemini-3-flash-preview")
        let body = try JSONValue.parse(GeminiDialect.responseBody(answer))
        let parts = body["candidates"]?[0]?["content"]?["parts"]
        XCTAssertEqual(parts?[0]?["thought"], true)
        XCTAssertNotNil(parts?[1]?["thoughtSignature"], "Gemini 3 signs the last text part")
        XCTAssertEqual(body["candidates"]?[0]?["finishReason"], "MAX_TOKENS")
        let usage = try XCTUnwrap(body["usageMetadata"])
        XCTAssertEqual(usage["cachedContentTokenCount"], 1024)
        XCTAssertEqual(usage["cacheTokensDetails"], [["modality": "TEXT", "tokenCount": 1024]])
        XCTAssertEqual(usage["thoughtsTokenCount"]?.int, answer.thoughtTokens)
        let canonical = try XCTUnwrap(Usage(gemini: usage))
        XCTAssertEqual(canonical.cachedTokens, 1024)
        XCTAssertEqual(canonical.completionTokens, 3 + answer.thoughtTokens)
    }

    func testStreamChunksDecodeToTheWholeAnswer() throws {
        for model in ["gemini-2.5-flash", "gemini-3-pro-preview"] {
            for body in [#"{"contents":[{"parts":[{"text":"echo:a b c"}]}]}"#, Self.toolRequest] {
                let (_, answer) = try answer(body, model: model)
                let encoder = GeminiSimStream(answer: answer, sse: true)
                var out: [UInt8] = []
                encoder.appendOpening(to: &out)
                for index in 0..<answer.completion.streamPieceCount { encoder.appendPiece(index, of: answer.completion, to: &out) }
                encoder.appendClosing(answer.completion, to: &out)
                let text = String(decoding: out, as: UTF8.self)
                XCTAssertTrue(text.hasPrefix("data: {\"candidates\":"))
                XCTAssertTrue(text.hasSuffix("}\r\n\r\n"))

                var decoder = GeminiStreamDecoder(requestedModel: model)
                let events = decoder.feed(out) + decoder.finish()
                let whole = try GeminiResponseDecoder().decode(GeminiDialect.responseBody(answer), requestedModel: model)
                XCTAssertEqual(events.first, .start(id: answer.responseID, model: model))
                XCTAssertEqual(events.last, .finish(whole.stopReason))
                XCTAssertEqual(events.dropLast().last, .usage(whole.usage), "\(model) \(body)")
                let streamedText = events.compactMap { if case .text(_, let t) = $0 { t } else { nil } }.joined()
                XCTAssertEqual(streamedText, answer.completion.content)
                let calls = events.compactMap { if case .toolCallStart(_, _, let name) = $0 { name } else { nil } }
                XCTAssertEqual(calls, answer.completion.toolCalls.map(\.name))
            }
        }
    }

    func testJSONArrayStreamWithoutSSE() throws {
        let (_, answer) = try answer(#"{"contents":[{"parts":[{"text":"echo:a b"}]}],"generationConfig":{"thinkingConfig":{"includeThoughts":true}}}"#)
        let encoder = GeminiSimStream(answer: answer, sse: false)
        var out: [UInt8] = []
        encoder.appendOpening(to: &out)
        for index in 0..<answer.completion.streamPieceCount { encoder.appendPiece(index, of: answer.completion, to: &out) }
        encoder.appendClosing(answer.completion, to: &out)
        let chunks = try JSONValue.parse(out).array
        XCTAssertEqual(chunks?.count, 4, "thought, two pieces, closing")
        XCTAssertEqual(chunks?.last?["candidates"]?[0]?["finishReason"], "STOP")
        XCTAssertEqual(encoder.contentType, "application/json; charset=UTF-8")
    }

    func testErrorsHaveGeminisShape() throws {
        let limited = GeminiDialect.errorResponse(.injected(status: 429, retryAfter: 7))
        XCTAssertEqual(limited.status.code, 429)
        XCTAssertEqual(try JSONValue.parse(limited.body), ["error": [
            "code": 429, "message": "You exceeded your current quota, please check your plan and billing details (simulated).",
            "status": "RESOURCE_EXHAUSTED",
            "details": [["@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "7s"]],
        ]])
        let mapped = GeminiErrorMapping.providerError(status: 429, body: limited.body)
        XCTAssertEqual(mapped.kind, .rateLimited)
        XCTAssertEqual(mapped.retryAfter, 7)
        for (status, name) in [(400, "INVALID_ARGUMENT"), (403, "PERMISSION_DENIED"), (404, "NOT_FOUND"),
                               (500, "INTERNAL"), (503, "UNAVAILABLE"), (504, "DEADLINE_EXCEEDED")] {
            let body = try JSONValue.parse(GeminiDialect.errorResponse(.injected(status: status, retryAfter: nil)).body)
            XCTAssertEqual(body["error"]?["status"]?.string, name)
            XCTAssertEqual(body["error"]?["code"]?.int, status)
        }
    }

    func testEmbeddingsAreDeterministicUnitVectors() throws {
        let single = try JSONValue.parse(GeminiDialect.embedContent(Array(#"{"content":{"parts":[{"text":"hello"}]}}"#.utf8),
                                                                    model: "text-embedding-004"))
        let values = try XCTUnwrap(single["embedding"]?["values"]?.array?.compactMap(\.double))
        XCTAssertEqual(values.count, 768)
        XCTAssertEqual(values.reduce(0) { $0 + $1 * $1 }, 1, accuracy: 1e-4)

        let batch = try JSONValue.parse(GeminiDialect.batchEmbedContents(Array("""
            {"requests":[{"model":"models/text-embedding-004","content":{"parts":[{"text":"hello"}]}},
                         {"model":"models/text-embedding-004","content":{"role":"user","parts":[{"text":"bye"}]},"outputDimensionality":8}]}
            """.utf8), model: "text-embedding-004"))
        XCTAssertEqual(batch["embeddings"]?[0]?["values"]?.array?.compactMap(\.double), values, "same text, same vector")
        XCTAssertEqual(batch["embeddings"]?[1]?["values"]?.array?.count, 8)

        XCTAssertThrowsError(try GeminiDialect.batchEmbedContents(Array(#"{"requests":[{"model":"models/other","content":{"parts":[{"text":"x"}]}}]}"#.utf8),
                                                                  model: "text-embedding-004"))
        let openAI = try OpenAIDialect.decodeEmbeddings(Array(#"{"model":"e","input":["hello"],"dimensions":768}"#.utf8))
        let list = try JSONValue.parse(OpenAIDialect.embeddingsBody(openAI))
        XCTAssertEqual(list["data"]?[0]?["embedding"]?.array?.compactMap(\.double), values, "both dialects agree")
        XCTAssertEqual(list["usage"], ["prompt_tokens": 2, "total_tokens": 2])
        XCTAssertEqual(list["object"], "list")
    }
}
