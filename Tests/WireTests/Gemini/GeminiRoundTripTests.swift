import XCTest
@testable import Wire

/// A Gemini answer through canonical form and back into the next Gemini request: what keeps
/// multi-turn tool use working on Gemini 3.
final class GeminiRoundTripTests: XCTestCase {
    let tools = [GeminiToolEncodingTests.weather]

    /// The next request after `answer`, with one result per call (ids only, as OpenAI sends them).
    func nextRequest(after answer: [ContentPart]) -> ChatRequest {
        var results: [ChatMessage] = []
        for case .toolCall(let id, _, _, _) in answer {
            results.append(ChatMessage(role: .user, parts: [.toolResult(id: id, name: nil, content: #"{"temp":20}"#,
                                                                        isError: false)]))
        }
        return ChatRequest(model: "gemini-3-pro-preview", messages: [
            ChatMessage(role: .user, parts: [.text("Weather in Paris and London?")]),
            ChatMessage(role: .assistant, parts: answer),
        ] + results, tools: tools)
    }

    /// The model turn Gemini sent, as it appears in the response.
    let sentParts: JSONValue = [
        ["functionCall": ["name": "get_weather", "args": ["city": "Paris"]], "thoughtSignature": "CiIBVKhc7oDPpBqU"],
        ["functionCall": ["name": "get_weather", "args": ["city": "London"]]],
    ]

    func testWholeAnswerSignaturesGoBackExactly() throws {
        let answer = try geminiResponse(GeminiResponseDecoderTests.parallelCalls)
        let body = try geminiBody(nextRequest(after: answer.parts), options: .init(placeholderSignature: nil))
        XCTAssertEqual(body["contents"]?[1], ["role": "model", "parts": sentParts])
        XCTAssertEqual(body["contents"]?[2], ["role": "user", "parts": [
            ["functionResponse": ["name": "get_weather", "response": ["temp": 20]]],
            ["functionResponse": ["name": "get_weather", "response": ["temp": 20]]],
        ]])
    }

    func testStreamedAnswerSignaturesGoBackExactly() throws {
        let parts = geminiAssemble(geminiStreamEvents(GeminiStreamDecoderTests.callStream))
        let body = try geminiBody(nextRequest(after: parts), options: .init(placeholderSignature: nil))
        XCTAssertEqual(body["contents"]?[1], ["role": "model", "parts": sentParts])
    }

    func testTextSignaturesAndThoughtsGoBackOnTheirParts() throws {
        let json = geminiResponseJSON(parts: [
            #"{"text":"Thinking it over.","thought":true,"thoughtSignature":"VEhPVUdIVA=="}"#,
            #"{"text":"Hello "}"#,
            #"{"text":"world","thoughtSignature":"VEVYVA=="}"#,
        ])
        let answer = try geminiResponse(json)
        let request = ChatRequest(model: "m", messages: [ChatMessage(role: .user, parts: [.text("Hi")]),
                                                         ChatMessage(role: .assistant, parts: answer.parts)])
        XCTAssertEqual(try geminiBody(request)["contents"]?[1]?["parts"], [
            ["text": "Thinking it over.", "thought": true, "thoughtSignature": "VEhPVUdIVA=="],
            ["text": "Hello "],
            ["text": "world", "thoughtSignature": "VEVYVA=="],
        ])
    }
}
