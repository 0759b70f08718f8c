import XCTest
@testable import Wire

/// `streamGenerateContent?alt=sse` bytes, shaped as Gemini sends them, read into canonical events.
final class GeminiStreamDecoderTests: XCTestCase {
    static let textStream = geminiSSE([
        #"{"candidates":[{"content":{"parts":[{"text":"Switch"}],"role":"model"},"index":0}],"usageMetadata":{"promptTokenCount":9,"totalTokenCount":9,"promptTokensDetails":[{"modality":"TEXT","tokenCount":9}]},"modelVersion":"gemini-2.5-flash","responseId":"r-1"}"#,
        #"{"candidates":[{"content":{"parts":[{"text":"yards sort cars"}],"role":"model"},"index":0}],"usageMetadata":{"promptTokenCount":9,"totalTokenCount":9},"modelVersion":"gemini-2.5-flash","responseId":"r-1"}"#,
        #"{"candidates":[{"content":{"parts":[{"text":"."}],"role":"model"},"finishReason":"STOP","index":0}],"usageMetadata":{"promptTokenCount":9,"candidatesTokenCount":5,"totalTokenCount":53,"thoughtsTokenCount":39},"modelVersion":"gemini-2.5-flash","responseId":"r-1"}"#,
    ])

    static let callStream = geminiSSE([
        #"{"candidates":[{"content":{"parts":[{"functionCall":{"name":"get_weather","args":{"city":"Paris"}},"thoughtSignature":"CiIBVKhc7oDPpBqU"},{"functionCall":{"name":"get_weather","args":{"city":"London"}}}],"role":"model"},"finishReason":"STOP","index":0}],"usageMetadata":{"promptTokenCount":66,"candidatesTokenCount":19,"totalTokenCount":139,"thoughtsTokenCount":54},"modelVersion":"gemini-3-pro-preview","responseId":"resp-parallel"}"#,
    ])

    func testTextDeltasShareOneBlockAndUsageComesWithTheFinish() {
        let expected: [StreamEvent] = [
            .start(id: "r-1", model: "gemini-2.5-flash"),
            .text(index: 0, "Switch"), .text(index: 0, "yards sort cars"), .text(index: 0, "."),
            .blockStop(index: 0),
            .usage(Usage(promptTokens: 9, completionTokens: 44, totalTokens: 53, reasoningTokens: 39)),
            .finish(.endTurn),
        ]
        XCTAssertEqual(geminiStreamEvents(Self.textStream), expected)
        XCTAssertEqual(geminiStreamEvents(Self.textStream, split: 1), expected, "split anywhere, same events")
        XCTAssertEqual(geminiStreamEvents(Self.textStream, split: 7), expected)
    }

    func testParallelCallsArriveWholeWithTheSignatureBlockFirst() throws {
        let events = geminiStreamEvents(Self.callStream)
        let whole = try geminiResponse(GeminiResponseDecoderTests.parallelCalls)
        guard case .toolCall(let firstID, _, _, _) = whole.parts[0], case .toolCall(let secondID, _, _, _) = whole.parts[1] else {
            return XCTFail()
        }
        XCTAssertEqual(events, [
            .start(id: "resp-parallel", model: "gemini-3-pro-preview"),
            .thinkingSignature(index: 0, "gemini:CiIBVKhc7oDPpBqU"), .blockStop(index: 0),
            .toolCallStart(index: 1, id: firstID, name: "get_weather"),
            .toolCallArguments(index: 1, #"{"city":"Paris"}"#), .blockStop(index: 1),
            .toolCallStart(index: 2, id: secondID, name: "get_weather"),
            .toolCallArguments(index: 2, #"{"city":"London"}"#), .blockStop(index: 2),
            .usage(Usage(promptTokens: 66, completionTokens: 73, totalTokens: 139, reasoningTokens: 54)),
            .finish(.toolUse),
        ], "the streamed ids equal the whole response's")
    }

    func testThoughtsThenTextThenATrailingSignature() {
        let events = geminiStreamEvents(geminiSSE([
            #"{"candidates":[{"content":{"parts":[{"text":"**Plan** ","thought":true}],"role":"model"},"index":0}]}"#,
            #"{"candidates":[{"content":{"parts":[{"text":"done","thought":true},{"text":"Hi"}],"role":"model"},"index":0}]}"#,
            #"{"candidates":[{"content":{"parts":[{"text":"","thoughtSignature":"U0lH"}],"role":"model"},"finishReason":"STOP","index":0}]}"#,
        ]), model: "gemini-3-flash")
        XCTAssertEqual(events, [
            .start(id: "", model: "gemini-3-flash"),
            .thinking(index: 0, "**Plan** "), .thinking(index: 0, "done"), .blockStop(index: 0),
            .text(index: 1, "Hi"), .blockStop(index: 1),
            .thinkingSignature(index: 2, "gemini:U0lH"), .blockStop(index: 2),
            .finish(.endTurn),
        ])
    }

    func testErrorEventsTruncationAndGarbageEndInAnError() {
        let overloaded = geminiStreamEvents(geminiSSE([
            #"{"candidates":[{"content":{"parts":[{"text":"Hel"}],"role":"model"},"index":0}],"responseId":"r"}"#,
            #"{"error":{"code":503,"message":"The model is overloaded. Please try again later.","status":"UNAVAILABLE"}}"#,
            #"{"candidates":[{"content":{"parts":[{"text":"ignored"}],"role":"model"},"index":0}]}"#,
        ]))
        XCTAssertEqual(overloaded, [
            .start(id: "r", model: "gemini-2.5-flash"), .text(index: 0, "Hel"), .blockStop(index: 0),
            .error(ProviderError(kind: .overloaded, status: 503, message: "The model is overloaded. Please try again later.")),
        ])

        let truncated = geminiStreamEvents(Array(geminiSSE([
            #"{"candidates":[{"content":{"parts":[{"text":"Hel"}],"role":"model"},"index":0}],"usageMetadata":{"promptTokenCount":3}}"#,
        ])))
        XCTAssertEqual(truncated.suffix(3), [
            .blockStop(index: 0), .usage(Usage(promptTokens: 3)),
            .error(ProviderError(kind: .server, status: 502, message: "the Gemini stream ended before its finishReason")),
        ])

        let garbage = geminiStreamEvents(Array("data: <html>oops</html>\r\n\r\n".utf8))
        guard case .error(let error)? = garbage.first else { return XCTFail("\(garbage)") }
        XCTAssertEqual(error.kind, .server)
        XCTAssertEqual(garbage.count, 1)
    }

    func testUnterminatedLastEventStillCounts() {
        var bytes = Self.textStream
        bytes.removeLast(4)
        XCTAssertEqual(geminiStreamEvents(bytes).last, .finish(.endTurn))
    }

    func testBlockedPromptAndMaxTokensFinish() {
        let blocked = geminiStreamEvents(geminiSSE([
            #"{"promptFeedback":{"blockReason":"PROHIBITED_CONTENT"},"usageMetadata":{"promptTokenCount":4,"totalTokenCount":4}}"#,
        ]))
        XCTAssertEqual(blocked, [.start(id: "", model: "gemini-2.5-flash"),
                                 .usage(Usage(promptTokens: 4, totalTokens: 4)), .finish(.contentFilter)])
        let cut = geminiStreamEvents(geminiSSE([
            #"{"candidates":[{"content":{"parts":[{"text":"a"}],"role":"model"},"finishReason":"MAX_TOKENS","index":0}]}"#,
        ]))
        XCTAssertEqual(cut.last, .finish(.maxTokens))
    }

    func testAStreamedAnswerAssemblesToTheWholeAnswersParts() throws {
        let whole = try geminiResponse(GeminiResponseDecoderTests.textResponse)
        let streamed = geminiSSE([GeminiResponseDecoderTests.textResponse.replacingOccurrences(of: "\n", with: "")])
        XCTAssertEqual(geminiAssemble(geminiStreamEvents(streamed)), whole.parts)
    }
}
