import XCTest
import Wire

final class OpenAIStreamDecoderTests: XCTestCase {
    private typealias F = OpenAIFixtures

    func testTextStream() {
        XCTAssertEqual(F.decodeStream(F.textStream), [
            .start(id: "chatcmpl-123", model: "gpt-4o-mini-2024-07-18"),
            .text(index: 0, "Hello"),
            .text(index: 0, "! How can I\n help?"),
            .blockStop(index: 0),
            .finish(.endTurn),
        ])
    }

    func testParallelToolCallsWithInterleavedFragments() {
        XCTAssertEqual(F.decodeStream(F.parallelToolStream), F.parallelToolEvents)
    }

    func testEverySplitPointGivesTheSameEvents() {
        for stream in [F.textStream, F.parallelToolStream] {
            let bytes = Array(stream.utf8)
            let whole = F.decodeStream(stream)
            for split in 0 ... bytes.count {
                var decoder = OpenAIStreamDecoder()
                let events = decoder.feed(Array(bytes[..<split])) + decoder.feed(Array(bytes[split...])) + decoder.finish()
                XCTAssertEqual(events, whole, "split at \(split)")
            }
        }
    }

    func testByteAtATimeGivesTheSameEvents() {
        var decoder = OpenAIStreamDecoder()
        var events: [StreamEvent] = []
        for byte in F.parallelToolStream.utf8 { events += decoder.feed([byte]) }
        XCTAssertEqual(events + decoder.finish(), F.parallelToolEvents)
    }

    func testTextThenToolCallGetsSeparateBlocks() {
        let stream = F.delta(#"{"role":"assistant","content":"Checking."}"#)
            + F.delta(#"{"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"f","arguments":"{}"}}]}"#)
            + F.delta("{}", finish: #""tool_calls""#)
            + "data: [DONE]\n\n"
        XCTAssertEqual(F.decodeStream(stream), [
            .start(id: "chatcmpl-123", model: "gpt-4o-mini-2024-07-18"),
            .text(index: 0, "Checking."),
            .blockStop(index: 0),
            .toolCallStart(index: 1, id: "call_1", name: "f"),
            .toolCallArguments(index: 1, "{}"),
            .blockStop(index: 1),
            .finish(.toolUse),
        ])
    }

    func testReasoningBecomesThinkingBlockZeroUnderEitherName() {
        let streams = [
            F.delta(#"{"role":"assistant","reasoning_content":"Hmm"}"#)
                + F.delta(#"{"reasoning_content":", fine."}"#)
                + F.delta(#"{"content":"Yes."}"#, finish: #""stop""#),
            // OpenRouter and Groq say `reasoning`; a server may send both names, or one as null.
            F.delta(#"{"role":"assistant","reasoning":"Hmm","reasoning_content":null}"#)
                + F.delta(#"{"reasoning_content":", fine.","reasoning":", fine."}"#)
                + F.delta(#"{"content":"Yes.","reasoning":null}"#, finish: #""stop""#),
        ]
        for stream in streams {
            XCTAssertEqual(F.decodeStream(stream + "data: [DONE]\n\n"), [
                .start(id: "chatcmpl-123", model: "gpt-4o-mini-2024-07-18"),
                .thinking(index: 0, "Hmm"),
                .thinking(index: 0, ", fine."),
                .blockStop(index: 0),
                .text(index: 1, "Yes."),
                .blockStop(index: 1),
                .finish(.endTurn),
            ], stream)
        }
    }

    func testUsageChunkAndFinishMapping() {
        let table: [(String, StopReason)] = [("stop", .endTurn), ("length", .maxTokens), ("content_filter", .contentFilter),
                                             ("tool_calls", .toolUse)]
        for (reason, expected) in table {
            let stream = F.delta(#"{"role":"assistant","content":"x"}"#) + F.delta("{}", finish: #""\#(reason)""#)
                + F.chunk("[]", usage: F.usageJSON) + "data: [DONE]\n\n"
            XCTAssertEqual(F.decodeStream(stream).suffix(2), [.finish(expected), .usage(F.sampleUsage)], reason)
        }
    }

    func testErrorChunkEndsTheStream() {
        let stream = F.delta(#"{"role":"assistant","content":"x"}"#)
            + #"data: {"error":{"message":"Rate limit reached. Please try again in 2s.","type":"requests","param":null,"code":"rate_limit_exceeded"}}"#
            + "\n\n" + F.delta(#"{"content":"never"}"#)
        var decoder = OpenAIStreamDecoder()
        let events = decoder.feed(Array(stream.utf8))
        XCTAssertEqual(events.last, .error(ProviderError(kind: .rateLimited, status: 429,
                                                         message: "Rate limit reached. Please try again in 2s.", retryAfter: 2)))
        XCTAssertTrue(decoder.isFinished)
        XCTAssertEqual(decoder.feed(Array(F.delta(#"{"content":"more"}"#).utf8)), [])
        XCTAssertEqual(decoder.finish(), [])
    }

    func testDoneEndsAndLaterBytesAreIgnored() {
        var decoder = OpenAIStreamDecoder()
        _ = decoder.feed(Array(F.textStream.utf8))
        XCTAssertTrue(decoder.isFinished)
        XCTAssertEqual(decoder.feed(Array(F.delta(#"{"content":"late"}"#).utf8)), [])
    }

    func testTruncatedStreamEndsWithAnError() {
        let events = F.decodeStream(F.delta(#"{"role":"assistant","content":"Hel"}"#))
        XCTAssertEqual(events.count, 3)
        guard case .error(let error) = events.last else { return XCTFail("\(events)") }
        XCTAssertEqual(error.kind, .server)
        XCTAssertEqual(error.status, 502)
    }

    func testMissingFinalBlankLineIsTolerated() {
        let stream = F.delta(#"{"role":"assistant","content":"x"}"#) + F.delta("{}", finish: #""stop""#) + "data: [DONE]"
        XCTAssertEqual(F.decodeStream(stream).last, .finish(.endTurn))
    }

    func testMalformedChunkIsAnError() {
        let events = F.decodeStream("data: {\"choices\":[\n\n")
        guard case .error(let error)? = events.first, events.count == 1 else { return XCTFail("\(events)") }
        XCTAssertEqual(error.status, 502)
    }

    func testKeepAlivesAndOtherChoicesAreIgnored() {
        let stream = ": keep-alive\n\n"
            + F.chunk(#"[{"index":1,"delta":{"content":"other"},"finish_reason":null},{"delta":{"content":"mine"},"finish_reason":null,"index":0}]"#)
            + F.delta("{}", finish: #""stop""#) + "data: [DONE]\n\n"
        XCTAssertEqual(F.decodeStream(stream), [
            .start(id: "chatcmpl-123", model: "gpt-4o-mini-2024-07-18"),
            .text(index: 0, "mine"), .blockStop(index: 0), .finish(.endTurn),
        ])
    }

    func testCallsWithoutIndexOrWithLateNames() {
        // Some compatible servers omit `index` and repeat the id; some send the name after the id.
        let stream = F.delta(#"{"tool_calls":[{"id":"a","function":{"name":"f","arguments":"{\"x\""}}]}"#)
            + F.delta(#"{"tool_calls":[{"id":"a","function":{"arguments":":1}"}}]}"#)
            + F.delta(#"{"tool_calls":[{"index":1,"id":"b","function":{"arguments":"{"}}]}"#)
            + F.delta(#"{"tool_calls":[{"index":1,"function":{"name":"g","arguments":"}"}}]}"#)
            + F.delta("{}", finish: #""stop""#)
        XCTAssertEqual(F.decodeStream(stream), [
            .start(id: "chatcmpl-123", model: "gpt-4o-mini-2024-07-18"),
            .toolCallStart(index: 0, id: "a", name: "f"),
            .toolCallArguments(index: 0, #"{"x""#),
            .toolCallArguments(index: 0, ":1}"),
            .toolCallStart(index: 1, id: "b", name: "g"),
            .toolCallArguments(index: 1, "{"),
            .toolCallArguments(index: 1, "}"),
            .blockStop(index: 0), .blockStop(index: 1),
            .finish(.toolUse),
        ])
    }

    func testCallWithoutIndexAfterOneAtTheLargestIndex() {
        // The next index after Int.max used to trap; an upstream may send any index.
        let stream = F.delta(#"{"tool_calls":[{"index":9223372036854775807,"id":"a","function":{"name":"f"}}]}"#)
            + F.delta(#"{"tool_calls":[{"id":"b","function":{"name":"g","arguments":"{}"}}]}"#)
            + F.delta("{}", finish: #""tool_calls""#)
        XCTAssertEqual(F.decodeStream(stream), [
            .start(id: "chatcmpl-123", model: "gpt-4o-mini-2024-07-18"),
            .toolCallStart(index: 0, id: "a", name: "f"),
            .toolCallStart(index: 1, id: "b", name: "g"),
            .toolCallArguments(index: 1, "{}"),
            .blockStop(index: 0), .blockStop(index: 1),
            .finish(.toolUse),
        ])
    }
}
