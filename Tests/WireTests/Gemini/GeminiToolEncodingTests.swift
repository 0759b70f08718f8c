import XCTest
@testable import Wire

/// Tool definitions, choices, calls and results in Gemini's function-calling shapes.
final class GeminiToolEncodingTests: XCTestCase {
    static let weather = ToolDefinition(name: "get_weather", description: "Current weather for a city.", parameters: """
        {"$schema":"http://json-schema.org/draft-07/schema#","type":"object","additionalProperties":false,
         "properties":{"city":{"type":"string","description":"City name"},
                       "unit":{"type":"string","enum":["celsius","fahrenheit"]}},
         "required":["city"]}
        """)
    static let clock = ToolDefinition(name: "get_time")

    func request(_ messages: [ChatMessage], choice: ToolChoice? = nil) -> ChatRequest {
        ChatRequest(model: "gemini-2.5-flash", messages: messages, tools: [Self.weather, Self.clock], toolChoice: choice)
    }

    func testDefinitionsBecomeOneToolOfFunctionDeclarations() throws {
        let body = try geminiBody(request([ChatMessage(role: .user, parts: [.text("Weather?")])]))
        XCTAssertEqual(body["tools"], [["functionDeclarations": [
            ["name": "get_weather", "description": "Current weather for a city.", "parameters": [
                "type": "OBJECT",
                "properties": [
                    "city": ["type": "STRING", "description": "City name"],
                    "unit": ["type": "STRING", "enum": ["celsius", "fahrenheit"]],
                ],
                "required": ["city"],
            ]],
            // No parameters at all: Gemini rejects an OBJECT with empty properties.
            ["name": "get_time"],
        ]]])
        XCTAssertNil(body["toolConfig"])
    }

    func testToolChoicesMapToFunctionCallingModes() throws {
        let user = [ChatMessage(role: .user, parts: [.text("Weather?")])]
        let cases: [(ToolChoice, JSONValue)] = [
            (.auto, ["mode": "AUTO"]),
            (.none, ["mode": "NONE"]),
            (.required, ["mode": "ANY"]),
            (.tool("get_weather"), ["mode": "ANY", "allowedFunctionNames": ["get_weather"]]),
        ]
        for (choice, expected) in cases {
            XCTAssertEqual(try geminiBody(request(user, choice: choice))["toolConfig"],
                           ["functionCallingConfig": expected], "\(choice)")
        }
        let noTools = ChatRequest(model: "m", messages: user, toolChoice: .required)
        XCTAssertNil(try geminiBody(noTools)["toolConfig"], "a tool config without tools is an upstream 400")
    }

    func testCallsAndResultsKeepSignaturesNamesAndObjects() throws {
        let body = try geminiBody(request([
            ChatMessage(role: .user, parts: [.text("Weather in Paris and London?")]),
            ChatMessage(role: .assistant, parts: [
                .toolCall(id: "call_1", name: "get_weather", arguments: #"{"city":"Paris"}"#, signature: "gemini:c2lnLTE="),
                .toolCall(id: "call_2", name: "get_weather", arguments: #" {"city": "London"} "#),
            ]),
            ChatMessage(role: .user, parts: [.toolResult(id: "call_1", name: nil, content: #"{"temp":21}"#, isError: false)]),
            ChatMessage(role: .user, parts: [.toolResult(id: "call_2", name: nil, content: "Rain, 14C", isError: false)]),
        ]))
        XCTAssertEqual(body["contents"]?[1], ["role": "model", "parts": [
            ["functionCall": ["name": "get_weather", "args": ["city": "Paris"]], "thoughtSignature": "c2lnLTE="],
            ["functionCall": ["name": "get_weather", "args": ["city": "London"]]],
        ]])
        XCTAssertEqual(body["contents"]?[2], ["role": "user", "parts": [
            ["functionResponse": ["name": "get_weather", "response": ["temp": 21]]],
            ["functionResponse": ["name": "get_weather", "response": ["output": "Rain, 14C"]]],
        ]], "both results of the parallel call in one turn")
    }

    func testResultsWrapNonObjectsAndErrorsUnderDocumentedKeys() {
        XCTAssertEqual(try JSONValue.parse(GeminiRequestEncoder.responseObject("[1,2]", isError: false)), ["output": [1, 2]])
        XCTAssertEqual(try JSONValue.parse(GeminiRequestEncoder.responseObject("42", isError: false)), ["output": 42])
        XCTAssertEqual(try JSONValue.parse(GeminiRequestEncoder.responseObject("", isError: false)), ["output": ""])
        XCTAssertEqual(try JSONValue.parse(GeminiRequestEncoder.responseObject("timeout", isError: true)), ["error": "timeout"])
        XCTAssertEqual(try JSONValue.parse(GeminiRequestEncoder.responseObject(#"{"code":7}"#, isError: true)),
                       ["error": ["code": 7]])
    }

    func testResultNamesComeFromTheResultTheCallOrTheId() throws {
        let id = GeminiToolCallID.make(tag: "0a1b2c3d", index: 0, name: "get_time")
        let body = try geminiBody(request([
            ChatMessage(role: .user, parts: [.toolResult(id: id, name: nil, content: "{}", isError: false)]),
            ChatMessage(role: .user, parts: [.toolResult(id: "x", name: "get_weather", content: "{}", isError: false)]),
        ]))
        XCTAssertEqual(body["contents"]?[0]?["parts"]?[0]?["functionResponse"]?["name"], "get_time")
        XCTAssertEqual(body["contents"]?[0]?["parts"]?[1]?["functionResponse"]?["name"], "get_weather")

        let orphan = request([ChatMessage(role: .user, parts: [.toolResult(id: "call_9", name: nil, content: "{}",
                                                                          isError: false)])])
        XCTAssertEqual(geminiEncodeError(orphan)?.code, .unknownToolResult)
    }

    func testCallArgumentsMustBeAnObject() throws {
        let empty = try geminiBody(request([ChatMessage(role: .assistant, parts: [
            .toolCall(id: "c", name: "get_time", arguments: "", signature: "s"),
        ])]))
        XCTAssertEqual(empty["contents"]?[0]?["parts"]?[0]?["functionCall"]?["args"], [:])
        for bad in ["[1]", "{oops", "\"city\""] {
            let request = request([ChatMessage(role: .assistant, parts: [.toolCall(id: "c", name: "f", arguments: bad)])])
            XCTAssertEqual(geminiEncodeError(request)?.code, .invalidToolArguments, bad)
        }
    }

    func testCallsWithoutASignatureGetThePlaceholderOnTheFirstCallOnly() throws {
        let history = request([
            ChatMessage(role: .user, parts: [.text("Weather?")]),
            ChatMessage(role: .assistant, parts: [
                .text("Checking."),
                .toolCall(id: "a", name: "get_weather", arguments: #"{"city":"Paris"}"#),
                .toolCall(id: "b", name: "get_weather", arguments: #"{"city":"Rome"}"#),
            ]),
        ])
        let parts = try geminiBody(history)["contents"]?[1]?["parts"]
        XCTAssertNil(parts?[0]?["thoughtSignature"])
        XCTAssertEqual(parts?[1]?["thoughtSignature"], .string(GeminiRequestEncoder.skipSignatureValidation))
        XCTAssertNil(parts?[2]?["thoughtSignature"])

        let strict = try geminiBody(history, options: .init(placeholderSignature: nil))
        XCTAssertNil(strict["contents"]?[1]?["parts"]?[1]?["thoughtSignature"])
    }

    func testSignatureOnlyThinkingPartsLandOnTheNextPart() throws {
        let body = try geminiBody(request([
            ChatMessage(role: .user, parts: [.text("Hi")]),
            ChatMessage(role: .assistant, parts: [
                .thinking(text: "Let me think.", signature: "gemini:dGhvdWdodA=="),
                .thinking(text: "", signature: "gemini:dGV4dA=="),
                .text("Hello"),
                .thinking(text: "", signature: "gemini:Y2FsbA=="),
                .toolCall(id: "c", name: "get_time", arguments: "{}"),
                .thinking(text: "", signature: "gemini:dHJhaWxpbmc="),
            ]),
        ]), options: .init(placeholderSignature: nil))
        XCTAssertEqual(body["contents"]?[1]?["parts"], [
            ["text": "Let me think.", "thought": true, "thoughtSignature": "dGhvdWdodA=="],
            ["text": "Hello", "thoughtSignature": "dGV4dA=="],
            ["functionCall": ["name": "get_time", "args": [:]], "thoughtSignature": "Y2FsbA=="],
            ["text": "", "thoughtSignature": "dHJhaWxpbmc="],
        ])
    }

    func testOtherProvidersSignaturesAreNeverSentToGemini() throws {
        let body = try geminiBody(request([
            ChatMessage(role: .user, parts: [.text("Weather?")]),
            ChatMessage(role: .assistant, parts: [
                .thinking(text: "Anthropic reasoning.", signature: "EqQBCkgIARABGAIiQL"),
                .thinking(text: "", signature: "anthropic-redacted:EmwKAhgBEgy3va3pzix"),
                .toolCall(id: "toolu_1", name: "get_weather", arguments: #"{"city":"Paris"}"#, signature: "EqQBCkgIAR"),
            ]),
        ]))
        XCTAssertEqual(body["contents"]?[1]?["parts"], [
            ["text": "Anthropic reasoning.", "thought": true],
            ["functionCall": ["name": "get_weather", "args": ["city": "Paris"]],
             "thoughtSignature": .string(GeminiRequestEncoder.skipSignatureValidation)],
        ])
        XCTAssertEqual(GeminiSignature.wire("gemini:abc"), "abc")
        XCTAssertNil(GeminiSignature.wire("gemini:"))
        XCTAssertNil(GeminiSignature.wire(nil))
    }
}
