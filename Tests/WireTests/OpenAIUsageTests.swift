import XCTest
import Wire

final class OpenAIUsageTests: XCTestCase {
    private let completion = """
    {
      "id": "chatcmpl-test-1",
      "object": "chat.completion",
      "created": 1741000000,
      "model": "gpt-4o-2024-08-06",
      "choices": [
        {
          "index": 0,
          "message": {"role": "assistant", "content": "Bonjour, ça va? 👋", "refusal": null, "annotations": []},
          "logprobs": null,
          "finish_reason": "stop"
        }
      ],
      "usage": {
        "prompt_tokens": 1024,
        "completion_tokens": 57,
        "total_tokens": 1081,
        "prompt_tokens_details": {"cached_tokens": 768, "audio_tokens": 0},
        "completion_tokens_details": {"reasoning_tokens": 32, "audio_tokens": 0,
          "accepted_prediction_tokens": 0, "rejected_prediction_tokens": 0}
      },
      "service_tier": "default",
      "system_fingerprint": "fp_0123456789"
    }
    """

    private let chunks = [
        #"{"id":"chatcmpl-s","object":"chat.completion.chunk","created":1741000001,"model":"gpt-4o-mini","system_fingerprint":"fp_1","choices":[{"index":0,"delta":{"role":"assistant","content":"","refusal":null},"logprobs":null,"finish_reason":null}],"usage":null}"#,
        #"{"id":"chatcmpl-s","object":"chat.completion.chunk","created":1741000001,"model":"gpt-4o-mini","system_fingerprint":"fp_1","choices":[{"index":0,"delta":{"content":"Hi"},"logprobs":null,"finish_reason":null}],"usage":null}"#,
        #"{"id":"chatcmpl-s","object":"chat.completion.chunk","created":1741000001,"model":"gpt-4o-mini","system_fingerprint":"fp_1","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}],"usage":null}"#,
        #"{"id":"chatcmpl-s","object":"chat.completion.chunk","created":1741000001,"model":"gpt-4o-mini","system_fingerprint":"fp_1","choices":[],"usage":{"prompt_tokens":9,"completion_tokens":12,"total_tokens":21,"prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}}}"#,
    ]

    func testCompletionSummary() throws {
        let s = try OpenAIResponseSummary.scan(bytes(completion))
        XCTAssertEqual(s.model, "gpt-4o-2024-08-06")
        XCTAssertEqual(s.modelRange.map { String(decoding: bytes(completion)[$0], as: UTF8.self) }, #""gpt-4o-2024-08-06""#)
        XCTAssertEqual(s.usage, Usage(promptTokens: 1024, completionTokens: 57, totalTokens: 1081,
                                      cachedTokens: 768, reasoningTokens: 32))
        XCTAssertEqual(s.choiceCount, 1)
        XCTAssertEqual(s.finishReason, "stop")
        XCTAssertFalse(s.isUsageOnlyChunk)
        XCTAssertFalse(s.hasError)
    }

    func testStreamChunks() throws {
        let summaries = try chunks.map { try OpenAIResponseSummary.scan(bytes($0)) }
        XCTAssertEqual(summaries.map(\.model), Array(repeating: "gpt-4o-mini", count: 4))
        XCTAssertEqual(summaries.map(\.isUsageOnlyChunk), [false, false, false, true])
        XCTAssertEqual(summaries.map(\.finishReason), [nil, nil, "stop", nil])
        XCTAssertEqual(summaries.map(\.choiceCount), [1, 1, 1, 0])
        XCTAssertEqual(summaries[3].usage, Usage(promptTokens: 9, completionTokens: 12))
        XCTAssertNil(summaries[0].usage)
    }

    func testChunkFromSSEEventSlice() throws {
        var stream: [UInt8] = []
        for chunk in chunks { SSEWriter.appendEvent(data: bytes(chunk), to: &stream) }
        stream += SSEWriter.done
        var reader = SSEReader()
        let events = try reader.feed(stream)
        XCTAssertEqual(events.count, 5)
        let usageOnly = try events.dropLast().map { try OpenAIResponseSummary.scan($0.data).isUsageOnlyChunk }
        XCTAssertEqual(usageOnly, [false, false, false, true])
        XCTAssertTrue(events.last!.isDone)
    }

    func testNestedUsageAndModelAreIgnored() throws {
        let text = #"{"choices":[{"delta":{"model":"inner","usage":{"prompt_tokens":5}},"finish_reason":"tool_calls"},{"finish_reason":"length"}],"meta":{"usage":{"prompt_tokens":1}}}"#
        let s = try OpenAIResponseSummary.scan(bytes(text))
        XCTAssertNil(s.model)
        XCTAssertNil(s.usage)
        XCTAssertEqual(s.choiceCount, 2)
        XCTAssertEqual(s.finishReason, "tool_calls")
    }

    func testPartialAndOddUsage() throws {
        let s = try OpenAIResponseSummary.scan(bytes(
            #"{"choices":[],"usage":{"prompt_tokens":3,"completion_tokens":null,"prompt_tokens_details":null,"completion_tokens_details":{"reasoning_tokens":2}}}"#
        ))
        XCTAssertEqual(s.usage, Usage(promptTokens: 3, completionTokens: 0, totalTokens: 3, cachedTokens: 0, reasoningTokens: 2))
        XCTAssertTrue(s.isUsageOnlyChunk)
        // No choices key at all is not a usage-only chunk.
        XCTAssertFalse(try OpenAIResponseSummary.scan(bytes(#"{"usage":{"prompt_tokens":1}}"#)).isUsageOnlyChunk)
        XCTAssertFalse(try OpenAIResponseSummary.scan(bytes(#"{"choices":[],"usage":null}"#)).isUsageOnlyChunk)
    }

    func testCountsNoCallCouldHaveAreBoundedSoTheirSumsCannotOverflow() throws {
        // An upstream's bytes used to trap here: prompt plus completion overflowed `Int`.
        let s = try OpenAIResponseSummary.scan(bytes(
            #"{"choices":[],"usage":{"prompt_tokens":9223372036854775807,"completion_tokens":1,"prompt_tokens_details":{"cached_tokens":-5}}}"#
        ))
        let most = 1 << 40
        XCTAssertEqual(s.usage, Usage(promptTokens: most, completionTokens: 1, totalTokens: most + 1, cachedTokens: 0))
        let value = try JSONValue.parse(#"{"prompt_tokens":9223372036854775807,"completion_tokens":9223372036854775807,"total_tokens":-1}"#)
        XCTAssertEqual(Usage(openAI: value), Usage(promptTokens: most, completionTokens: most, totalTokens: 0))
    }

    func testErrorObjectsAndMalformedInput() throws {
        XCTAssertTrue(try OpenAIResponseSummary.scan(bytes(#"{"error":{"message":"overloaded","type":"api_error"}}"#)).hasError)
        XCTAssertFalse(try OpenAIResponseSummary.scan(bytes(#"{"error":null}"#)).hasError)
        XCTAssertThrowsError(try OpenAIResponseSummary.scan(bytes(#"{"usage":{"prompt_tokens":1}"#)))
        XCTAssertThrowsError(try OpenAIResponseSummary.scan(bytes("[DONE]")))
    }

    func testUsageFromValueAndWriterRoundTrip() throws {
        let value = try JSONValue.parse(completion)
        let usage = Usage(openAI: value["usage"]!)
        XCTAssertEqual(usage, Usage(promptTokens: 1024, completionTokens: 57, totalTokens: 1081,
                                    cachedTokens: 768, reasoningTokens: 32))
        XCTAssertNil(Usage(openAI: .null))
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("choices")
        writer.beginArray()
        writer.endArray()
        writer.key("usage")
        usage!.writeOpenAI(to: &writer)
        writer.endObject()
        let summary = try OpenAIResponseSummary.scan(writer.bytes)
        XCTAssertEqual(summary.usage, usage)
        XCTAssertTrue(summary.isUsageOnlyChunk)
    }
}
