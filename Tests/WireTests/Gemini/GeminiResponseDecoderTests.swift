import XCTest
@testable import Wire

/// Whole `generateContent` responses, shaped as Google documents them, read into canonical form.
final class GeminiResponseDecoderTests: XCTestCase {
    static let textResponse = """
        {
          "candidates": [
            {
              "content": {
                "parts": [{"text": "Switchyards sort "}, {"text": "railway cars."}],
                "role": "model"
              },
              "finishReason": "STOP",
              "avgLogprobs": -0.21,
              "index": 0
            }
          ],
          "usageMetadata": {
            "promptTokenCount": 1200,
            "candidatesTokenCount": 7,
            "totalTokenCount": 1247,
            "cachedContentTokenCount": 1024,
            "promptTokensDetails": [{"modality": "TEXT", "tokenCount": 1200}],
            "cacheTokensDetails": [{"modality": "TEXT", "tokenCount": 1024}],
            "thoughtsTokenCount": 40
          },
          "modelVersion": "gemini-2.5-flash",
          "responseId": "K3Z3aJ7vO5S3qtsPq5uP8A0"
        }
        """

    static let parallelCalls = """
        {"candidates":[{"content":{"parts":[
          {"functionCall":{"name":"get_weather","args":{"city":"Paris"}},"thoughtSignature":"CiIBVKhc7oDPpBqU"},
          {"functionCall":{"name":"get_weather","args":{"city":"London"}}}
        ],"role":"model"},"finishReason":"STOP","index":0}],
        "usageMetadata":{"promptTokenCount":66,"candidatesTokenCount":19,"totalTokenCount":139,"thoughtsTokenCount":54},
        "modelVersion":"gemini-3-pro-preview","responseId":"resp-parallel"}
        """

    func testTextJoinsAndUsageFollowsTheCanonicalMeaning() throws {
        let response = try geminiResponse(Self.textResponse)
        XCTAssertEqual(response.id, "K3Z3aJ7vO5S3qtsPq5uP8A0")
        XCTAssertEqual(response.model, "gemini-2.5-flash")
        XCTAssertEqual(response.parts, [.text("Switchyards sort railway cars.")])
        XCTAssertEqual(response.stopReason, .endTurn)
        XCTAssertEqual(response.usage, Usage(promptTokens: 1200, completionTokens: 47, totalTokens: 1247,
                                             cachedTokens: 1024, reasoningTokens: 40))
    }

    func testParallelCallsGetStableDistinctIdsAndKeepTheirSignature() throws {
        let response = try geminiResponse(Self.parallelCalls)
        XCTAssertEqual(response.stopReason, .toolUse)
        guard case .toolCall(let firstID, "get_weather", #"{"city":"Paris"}"#, "gemini:CiIBVKhc7oDPpBqU") = response.parts[0],
              case .toolCall(let secondID, "get_weather", #"{"city":"London"}"#, nil) = response.parts[1] else {
            return XCTFail("unexpected parts \(response.parts)")
        }
        XCTAssertNotEqual(firstID, secondID)
        XCTAssertTrue(firstID.hasPrefix("call_") && firstID.hasSuffix("_0_get_weather"), firstID)
        XCTAssertEqual(GeminiToolCallID.functionName(in: secondID), "get_weather")
        XCTAssertEqual(try geminiResponse(Self.parallelCalls).parts, response.parts, "same response, same ids")
        let other = try geminiResponse(Self.parallelCalls.replacingOccurrences(of: "resp-parallel", with: "resp-next"))
        guard case .toolCall(let otherID, _, _, _) = other.parts[0] else { return XCTFail() }
        XCTAssertNotEqual(otherID, firstID, "ids differ across responses")
        XCTAssertEqual(response.usage.completionTokens, 73)
        XCTAssertEqual(response.usage.reasoningTokens, 54)
    }

    func testCallIdsFromGeminiAreKept() throws {
        let response = try geminiResponse(geminiResponseJSON(parts: [
            #"{"functionCall":{"id":"fc-42","name":"lookup","args":{}}}"#,
        ]))
        XCTAssertEqual(response.parts, [.toolCall(id: "fc-42", name: "lookup", arguments: "{}")])
    }

    func testThoughtsAndTextSignaturesStayWhereGeminiPutThem() throws {
        let response = try geminiResponse(geminiResponseJSON(parts: [
            #"{"text":"**Planning** ","thought":true}"#,
            #"{"text":"the answer.","thought":true,"thoughtSignature":"dGhvdWdodA=="}"#,
            #"{"text":"Hello "}"#,
            #"{"text":"world","thoughtSignature":"dGV4dA=="}"#,
        ]))
        XCTAssertEqual(response.parts, [
            .thinking(text: "**Planning** the answer.", signature: "gemini:dGhvdWdodA=="),
            .text("Hello "),
            .thinking(text: "", signature: "gemini:dGV4dA=="),
            .text("world"),
        ])
    }

    func testFinishReasonsMapToCanonicalStops() throws {
        let cases: [(String, StopReason)] = [
            ("STOP", .endTurn), ("MAX_TOKENS", .maxTokens), ("SAFETY", .contentFilter), ("RECITATION", .contentFilter),
            ("BLOCKLIST", .contentFilter), ("PROHIBITED_CONTENT", .contentFilter), ("SPII", .contentFilter),
            ("IMAGE_SAFETY", .contentFilter), ("MALFORMED_FUNCTION_CALL", .other), ("LANGUAGE", .other),
            ("OTHER", .other), ("FINISH_REASON_UNSPECIFIED", .other), ("SOMETHING_NEW", .other),
        ]
        for (reason, expected) in cases {
            let response = try geminiResponse(geminiResponseJSON(parts: [#"{"text":"x"}"#], finishReason: reason))
            XCTAssertEqual(response.stopReason, expected, reason)
        }
    }

    func testBlockedPromptIsAnEmptyFilteredAnswer() throws {
        let response = try geminiResponse("""
            {"promptFeedback":{"blockReason":"SAFETY","safetyRatings":[{"category":"HARM_CATEGORY_HARASSMENT","probability":"HIGH"}]},
             "usageMetadata":{"promptTokenCount":9,"totalTokenCount":9},"modelVersion":"gemini-2.0-flash"}
            """)
        XCTAssertEqual(response.parts, [])
        XCTAssertEqual(response.stopReason, .contentFilter)
        XCTAssertEqual(response.usage, Usage(promptTokens: 9, completionTokens: 0, totalTokens: 9))
        XCTAssertEqual(response.id, "")
    }

    func testMissingModelVersionFallsBackAndBadBodiesThrow() throws {
        let response = try geminiResponse(#"{"candidates":[{"content":{"parts":[{"text":"ok"}],"role":"model"},"finishReason":"STOP"}]}"#,
                                          model: "gemini-x")
        XCTAssertEqual(response.model, "gemini-x")
        XCTAssertEqual(response.usage, Usage())
        for bad in ["", "[]", "{\"candidates\":", #"{"error":{"code":500,"message":"x","status":"INTERNAL"}}"#] {
            XCTAssertThrowsError(try geminiResponse(bad), bad) {
                XCTAssertEqual(($0 as? GeminiCodecError)?.code, .malformedResponse)
            }
        }
    }

    func testUsageCountsMayBeStringsAndToolPromptTokensCountAsInput() throws {
        let usage = try geminiResponse(geminiResponseJSON(parts: [#"{"text":"x"}"#], usage: """
            {"promptTokenCount":"10","candidatesTokenCount":3,"toolUsePromptTokenCount":5,"totalTokenCount":18}
            """)).usage
        XCTAssertEqual(usage, Usage(promptTokens: 15, completionTokens: 3, totalTokens: 18))
        XCTAssertEqual(Usage(gemini: ["promptTokenCount": 10, "candidatesTokenCount": 3, "thoughtsTokenCount": 2,
                                      "cachedContentTokenCount": 4]),
                       Usage(promptTokens: 10, completionTokens: 5, cachedTokens: 4, reasoningTokens: 2))
    }

    func testCountsNoCallCouldHaveAreBoundedSoTheirSumsCannotOverflow() throws {
        // Prompt plus tool-prompt tokens used to overflow `Int` and trap on Gemini's bytes.
        let usage = try geminiResponse(geminiResponseJSON(parts: [#"{"text":"x"}"#], usage: """
            {"promptTokenCount":9223372036854775807,"toolUsePromptTokenCount":"9223372036854775807","candidatesTokenCount":-2}
            """)).usage
        XCTAssertEqual(usage, Usage(promptTokens: 2 << 40, completionTokens: 0))
        XCTAssertEqual(Usage(gemini: ["promptTokenCount": .number(JSONNumber(Int.max)), "thoughtsTokenCount": 1]),
                       Usage(promptTokens: 1 << 40, completionTokens: 1, reasoningTokens: 1))
    }
}

/// The ids `GeminiToolCallID` makes and reads.
final class GeminiToolCallIDTests: XCTestCase {
    func testIdsCarryPortableNamesWithinOpenAIsLimit() {
        let id = GeminiToolCallID.make(tag: "0a1b2c3d", index: 1, name: "get_weather")
        XCTAssertEqual(id, "call_0a1b2c3d_1_get_weather")
        XCTAssertEqual(GeminiToolCallID.functionName(in: id), "get_weather")
        let long = GeminiToolCallID.make(tag: "0a1b2c3d", index: 0, name: "search_the_company_knowledge_base")
        XCTAssertEqual(long, "call_0a1b2c3d_0", "a name past 40 characters is left out")
        XCTAssertNil(GeminiToolCallID.functionName(in: long))
        XCTAssertEqual(GeminiToolCallID.make(tag: "0a1b2c3d", index: 0, name: "api.lookup"), "call_0a1b2c3d_0")
        for foreign in ["call_abc", "call_0a1b2c3d_x_name", "toolu_01A", "call_0A1B2C3D_0_f", "call_0a1b2c3d__f"] {
            XCTAssertNil(GeminiToolCallID.functionName(in: foreign), foreign)
        }
    }
}
