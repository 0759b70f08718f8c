import XCTest
@testable import Sim
import Wire

/// How the simulator reads Gemini `generateContent` bodies: as strictly as Gemini does.
final class GeminiDialectTests: XCTestCase {
    func decode(_ text: String, model: String = "gemini-2.5-flash") throws -> GeminiDialect.Request {
        try GeminiDialect.decode(Array(text.utf8), model: model, stream: false)
    }

    func decodeFailure(_ text: String, model: String = "gemini-2.5-flash") -> SimError? {
        do {
            _ = try decode(text, model: model)
            return nil
        } catch {
            return error as? SimError
        }
    }

    func testReadsTurnsSystemConfigToolsAndChoice() throws {
        let request = try decode("""
            {"systemInstruction":{"parts":[{"text":"Be terse."}]},
             "contents":[{"role":"user","parts":[{"text":"Please call get_weather for Paris"}]}],
             "tools":[{"functionDeclarations":[{"name":"get_weather","description":"Weather.",
               "parameters":{"type":"OBJECT","properties":{"city":{"type":"STRING"}},"required":["city"]}}]}],
             "toolConfig":{"functionCallingConfig":{"mode":"ANY","allowedFunctionNames":["get_weather"]}},
             "generation_config":{"maxOutputTokens":50,"temperature":0.5,"thinkingConfig":{"includeThoughts":true}}}
            """)
        XCTAssertEqual(request.chat.model, "gemini-2.5-flash")
        XCTAssertEqual(request.chat.messages, [.init(role: "system", text: "Be terse."),
                                               .init(role: "user", text: "Please call get_weather for Paris")])
        XCTAssertEqual(request.chat.maxTokens, 50)
        XCTAssertTrue(request.includeThoughts)
        XCTAssertEqual(request.chat.toolChoice, .tool("get_weather"))
        XCTAssertEqual(request.chat.tools, [SimTool(name: "get_weather", schema: [
            "type": "object", "properties": ["city": ["type": "string"]], "required": ["city"],
        ])])
    }

    func testFunctionResponsesAreToolMessages() throws {
        let request = try decode("""
            {"contents":[{"role":"user","parts":[{"text":"Weather?"}]},
              {"role":"model","parts":[{"functionCall":{"name":"get_weather","args":{"city":"Paris"}},"thoughtSignature":"c2ln"}]},
              {"role":"user","parts":[{"functionResponse":{"name":"get_weather","response":{"temp":20}}}]}]}
            """)
        XCTAssertEqual(request.chat.messages.map(\.role), ["user", "assistant", "tool"])
        XCTAssertEqual(request.chat.messages.last?.text, #"{"temp":20}"#)
    }

    func testRejectsWhatGeminiRejects() {
        let cases: [(String, String)] = [
            ("{oops", "Invalid JSON payload received. Unexpected token."),
            (#"{"contents":[]}"#, "* GenerateContentRequest.contents: contents is not specified\n"),
            (#"{"contents":[{"role":"assistant","parts":[{"text":"x"}]}]}"#, "Please use a valid role: user, model."),
            (#"{"contents":[{"role":"user","parts":[]}]}"#,
             "* GenerateContentRequest.contents[0].parts: contents.parts must not be empty.\n"),
            (#"{"contents":[{"parts":[{"text":"x"}]}],"stream":true}"#,
             "Invalid JSON payload received. Unknown name \"stream\": Cannot find field."),
            (#"{"contents":[{"parts":[{"text":"x"}]}],"generationConfig":{"max_tokens":5}}"#,
             "Invalid JSON payload received. Unknown name \"max_tokens\" at 'generation_config': Cannot find field."),
            (#"{"contents":[{"parts":[{"text":"x"}]}],"tools":[{"functionDeclarations":[{"name":"f","parameters":{"type":"object","additionalProperties":false,"properties":{"a":{"type":"string"}}}}]}]}"#,
             "Invalid JSON payload received. Unknown name \"additionalProperties\" at 'tools[0].function_declarations[0].parameters': Cannot find field."),
            (#"{"contents":[{"parts":[{"text":"x"}]}],"tools":[{"functionDeclarations":[{"name":"f","parameters":{"type":"OBJECT","properties":{}}}]}]}"#,
             "* GenerateContentRequest.tools[0].function_declarations[0].parameters.properties: should be non-empty for OBJECT type\n"),
            (#"{"contents":[{"parts":[{"text":"x"}]}],"tools":[{"functionDeclarations":[{"name":"f","parameters":{"type":"OBJECT","properties":{"u":{"type":"STRING","format":"uri"}}}}]}]}"#,
             "* GenerateContentRequest.tools[0].function_declarations[0].parameters.properties[u].value.format: only 'enum' and 'date-time' are supported for STRING type\n"),
            (#"{"contents":[{"parts":[{}]}]}"#,
             "* GenerateContentRequest.contents[0].parts[0].data: required oneof field 'data' must have one initialized field\n"),
            (#"{"contents":[{"parts":[{"text":"x"}]}],"generationConfig":{"stopSequences":["1","2","3","4","5","6"]}}"#,
             "* GenerateContentRequest.generation_config.stop_sequences: The number of stop sequences must not exceed 5.\n"),
        ]
        for (body, message) in cases {
            let failure = decodeFailure(body)
            XCTAssertEqual(failure?.status, 400, body)
            XCTAssertEqual(failure?.message, message, body)
        }
    }

    func testGemini3RequiresTheSignatureOfTheCurrentTurnsFirstCall() {
        func history(signature: String?) -> String {
            let signed = signature.map { #","thoughtSignature":"\#($0)""# } ?? ""
            return """
                {"contents":[{"role":"user","parts":[{"text":"Weather in Paris and Rome?"}]},
                  {"role":"model","parts":[{"functionCall":{"name":"get_weather","args":{"city":"Paris"}}\(signed)},
                                           {"functionCall":{"name":"get_weather","args":{"city":"Rome"}}}]},
                  {"role":"user","parts":[{"functionResponse":{"name":"get_weather","response":{"t":1}}},
                                          {"functionResponse":{"name":"get_weather","response":{"t":2}}}]}]}
                """
        }
        let missing = decodeFailure(history(signature: nil), model: "gemini-3-pro-preview")
        XCTAssertEqual(missing?.status, 400)
        XCTAssertTrue(missing?.message.hasPrefix("Function call is missing a thought_signature in functionCall parts.") ?? false)
        XCTAssertTrue(missing?.message.contains("`default_api:get_weather` , position 2") ?? false, missing?.message ?? "")
        XCTAssertNil(decodeFailure(history(signature: "c2lnbmF0dXJl"), model: "gemini-3-pro-preview"))
        XCTAssertNil(decodeFailure(history(signature: "skip_thought_signature_validator"), model: "gemini-3-flash"))
        XCTAssertNil(decodeFailure(history(signature: nil), model: "gemini-2.5-flash"), "older models do not check")

        // A call from an earlier turn (before the last user text) is not checked.
        let earlier = """
            {"contents":[{"role":"user","parts":[{"text":"Weather?"}]},
              {"role":"model","parts":[{"functionCall":{"name":"get_weather","args":{}}}]},
              {"role":"user","parts":[{"functionResponse":{"name":"get_weather","response":{}}}]},
              {"role":"model","parts":[{"text":"Sunny."}]},
              {"role":"user","parts":[{"text":"Thanks!"}]}]}
            """
        XCTAssertNil(decodeFailure(earlier, model: "gemini-3-pro-preview"))
    }

    func testRoutesParsePathsAndQueries() {
        XCTAssertEqual(GeminiRoute(path: "/v1beta/models/gemini-2.5-flash:generateContent"),
                       GeminiRoute(model: "gemini-2.5-flash", method: .generateContent))
        XCTAssertEqual(GeminiRoute(path: "/v1/models/gemini-2.0-flash:streamGenerateContent")?.method, .streamGenerateContent)
        XCTAssertEqual(GeminiRoute(path: "/v1beta/models/text-embedding-004:batchEmbedContents")?.method, .batchEmbedContents)
        XCTAssertEqual(GeminiRoute(path: "/v1beta/models/m%3Ax:countTokens"), GeminiRoute(model: "m:x", method: .other("countTokens")))
        XCTAssertNil(GeminiRoute(path: "/v1/models/gpt-4o"))
        XCTAssertNil(GeminiRoute(path: "/v1/chat/completions"))
        XCTAssertTrue(GeminiRoute.wantsSSE("alt=sse"))
        XCTAssertTrue(GeminiRoute.wantsSSE("key=k&alt=sse"))
        XCTAssertFalse(GeminiRoute.wantsSSE(nil))
        XCTAssertEqual(GeminiRoute.queryKey("alt=sse&key=abc"), "abc")
    }
}
