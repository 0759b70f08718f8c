import XCTest
@testable import Sim
import Wire

final class OpenAIResponseShapeTests: XCTestCase {
    func testCompletionObjectHasOpenAIsShape() throws {
        let completion = ContentGenerator.completion(for: chat("echo:Hello \"there\"", maxTokens: 1))
        let object = try json(String(decoding: OpenAIDialect.completionBody(completion, identity: sampleIdentity),
                                     as: UTF8.self))
        XCTAssertEqual(object.object?.keys, ["id", "object", "created", "model", "choices", "usage", "service_tier",
                                             "system_fingerprint"])
        XCTAssertEqual(object["id"], "chatcmpl-TEST")
        XCTAssertEqual(object["object"], "chat.completion")
        XCTAssertEqual(object["created"], 1_700_000_000)
        XCTAssertEqual(object["model"], "gpt-4o-mini")
        XCTAssertEqual(object["service_tier"], "default")
        XCTAssertEqual(object["system_fingerprint"], "fp_0123456789")
        let choices = try XCTUnwrap(object["choices"]?.array)
        XCTAssertEqual(choices.count, 1)
        XCTAssertEqual(choices[0], [
            "index": 0,
            "message": ["role": "assistant", "content": "Hello", "refusal": nil, "annotations": []],
            "logprobs": nil,
            "finish_reason": "length",
        ])
        XCTAssertEqual(object["usage"], usageJSON(prompt: completion.promptTokens, completion: 1))
    }

    func testStreamChunksHaveOpenAIsShapeWithoutUsage() throws {
        let completion = ContentGenerator.completion(for: chat("echo:one two three"))
        let payloads = streamPayloads(completion, includeUsage: false)
        XCTAssertEqual(payloads.count, 1 + 3 + 1 + 1)
        XCTAssertEqual(payloads.last, "[DONE]")
        let chunks = try payloads.dropLast().map { try json($0) }
        for chunk in chunks {
            XCTAssertEqual(chunk.object?.keys, ["id", "object", "created", "model", "service_tier",
                                                "system_fingerprint", "choices"])
            XCTAssertEqual(chunk["id"], "chatcmpl-TEST")
            XCTAssertEqual(chunk["object"], "chat.completion.chunk")
            XCTAssertEqual(chunk["created"], 1_700_000_000)
            XCTAssertEqual(chunk["model"], "gpt-4o-mini")
            XCTAssertEqual(chunk["choices"]?.array?.count, 1)
            XCTAssertEqual(chunk["choices"]?[0]?["index"], 0)
            XCTAssertEqual(chunk["choices"]?[0]?["logprobs"], .null)
        }
        XCTAssertEqual(chunks[0]["choices"]?[0]?["delta"], ["role": "assistant", "content": "", "refusal": nil])
        XCTAssertEqual(chunks[0]["choices"]?[0]?["finish_reason"], .null)
        XCTAssertEqual(chunks[1...3].map { $0["choices"]?[0]?["delta"] }, [["content": "one"], ["content": " two"],
                                                                            ["content": " three"]])
        XCTAssertEqual(chunks[4]["choices"]?[0]?["delta"], [:])
        XCTAssertEqual(chunks[4]["choices"]?[0]?["finish_reason"], "stop")
    }

    func testUsageChunkOnlyWithIncludeUsageAndThenNullUsageEverywhereElse() throws {
        let completion = ContentGenerator.completion(for: chat("echo:one two three", maxTokens: 2))
        let payloads = streamPayloads(completion, includeUsage: true)
        XCTAssertEqual(payloads.count, 1 + 2 + 1 + 1 + 1)
        XCTAssertEqual(payloads.last, "[DONE]")
        let chunks = try payloads.dropLast().map { try json($0) }
        for chunk in chunks.dropLast() {
            XCTAssertEqual(chunk.object?.keys.last, "usage")
            XCTAssertEqual(chunk["usage"], .null)
        }
        XCTAssertEqual(chunks[3]["choices"]?[0]?["finish_reason"], "length")
        let usage = try XCTUnwrap(chunks.last)
        XCTAssertEqual(usage.object?.keys, ["id", "object", "created", "model", "service_tier", "system_fingerprint",
                                            "choices", "usage"])
        XCTAssertEqual(usage["choices"], [])
        XCTAssertEqual(usage["usage"], usageJSON(prompt: completion.promptTokens, completion: 2))
    }

    func testDeltasJoinToTheNonStreamingContent() throws {
        let completion = ContentGenerator.completion(for: chat("Explain caching"))
        let chunks = try streamPayloads(completion, includeUsage: false).dropLast().map { try json($0) }
        let joined = chunks.compactMap { $0["choices"]?[0]?["delta"]?["content"]?.string }.joined()
        XCTAssertEqual(joined, completion.content)
    }

    func testModelListAndModelObject() throws {
        let list = try json(String(decoding: OpenAIDialect.modelList(["a", "b"]), as: UTF8.self))
        XCTAssertEqual(list["object"], "list")
        XCTAssertEqual(list["data"]?.array?.compactMap { $0["id"]?.string }, ["a", "b"])
        let model = try json(String(decoding: OpenAIDialect.model("a"), as: UTF8.self))
        XCTAssertEqual(model.object?.keys, ["id", "object", "created", "owned_by"])
        XCTAssertEqual(model["object"], "model")
    }

    func testIdentityLooksLikeOpenAIs() {
        var random = SimRandom(seed: 1)
        let identity = OpenAIDialect.identity(model: "gpt-4o", created: 5, random: &random)
        XCTAssertTrue(identity.id.hasPrefix("chatcmpl-"))
        XCTAssertEqual(identity.id.count, "chatcmpl-".count + 29)
        XCTAssertTrue(identity.fingerprint.hasPrefix("fp_"))
        XCTAssertEqual(identity.fingerprint.count, 13)
        XCTAssertEqual(identity.fingerprint, OpenAIDialect.identity(model: "gpt-4o", created: 6, random: &random).fingerprint)
    }

    private func streamPayloads(_ completion: SimCompletion, includeUsage: Bool) -> [String] {
        let encoder = OpenAIStreamEncoder(identity: sampleIdentity, includeUsage: includeUsage)
        var out: [UInt8] = []
        encoder.appendOpening(to: &out)
        for piece in completion.pieces { encoder.appendDelta(piece, to: &out) }
        encoder.appendClosing(completion, to: &out)
        return eventPayloads(out)
    }

    private func usageJSON(prompt: Int, completion: Int) -> JSONValue {
        [
            "prompt_tokens": .number(JSONNumber(prompt)),
            "completion_tokens": .number(JSONNumber(completion)),
            "total_tokens": .number(JSONNumber(prompt + completion)),
            "prompt_tokens_details": ["cached_tokens": 0, "audio_tokens": 0],
            "completion_tokens_details": ["reasoning_tokens": 0, "audio_tokens": 0, "accepted_prediction_tokens": 0,
                                          "rejected_prediction_tokens": 0],
        ]
    }
}
