import Routing
import XCTest

final class FeaturesBodyTests: XCTestCase {
    private func features(_ json: String) throws -> RequestFeatures {
        try FeatureExtractor.extract(body: Array(json.utf8))
    }

    func testToolsImagesJSONSchemaAndMaxTokens() throws {
        let f = try features(#"""
        {"model":"auto","max_tokens":300,
         "messages":[{"role":"system","content":"You are helpful."},
                     {"role":"user","content":[{"type":"text","text":"What is in this image?"},
                                               {"type":"image_url","image_url":{"url":"https://x/y.png"}}]}],
         "tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object"}}}],
         "response_format":{"type":"json_schema","json_schema":{"name":"x","schema":{"type":"object"}}}}
        """#)
        XCTAssertTrue(f.usesTools)
        XCTAssertTrue(f.hasImages)
        XCTAssertTrue(f.wantsJSON)
        XCTAssertTrue(f.wantsJSONSchema)
        XCTAssertTrue(f.hasSystemPrompt)
        XCTAssertEqual(f.turns, 1)
        XCTAssertEqual(f.maxOutputTokens, 300)
        XCTAssertGreaterThan(f.promptTokens, 765)
    }

    func testJSONModeAndMaxCompletionTokens() throws {
        let f = try features(#"{"messages":[{"role":"user","content":"List three colors"}],"response_format":{"type":"json_object"},"max_completion_tokens":50}"#)
        XCTAssertTrue(f.wantsJSON)
        XCTAssertFalse(f.wantsJSONSchema)
        XCTAssertFalse(f.usesTools)
        XCTAssertEqual(f.maxOutputTokens, 50)
    }

    func testEmptyToolsDoNotCount() throws {
        XCTAssertFalse(try features(#"{"messages":[],"tools":[]}"#).usesTools)
    }

    func testEscapesAreDecodedBeforeScanning() throws {
        let escaped = try features(#"{"messages":[{"role":"user","content":"\u8fd9\u662f\u4e00\u6bb5\u4e2d\u6587\u6587\u672c\n```py\ndef f():\n    return 1\n```"}]}"#)
        let plain = FeatureExtractor.extract(prompt: "这是一段中文文本\n```py\ndef f():\n    return 1\n```")
        XCTAssertEqual(escaped.script, .cjk)
        XCTAssertTrue(escaped.hasCode)
        XCTAssertEqual(Set(escaped.ngramHashes), Set(plain.ngramHashes))
    }

    func testMatchesPlainMessages() throws {
        let body = try features(#"{"messages":[{"content":"Be terse.","role":"system"},{"role":"user","content":"Why is the sky blue?"}]}"#)
        let plain = FeatureExtractor.extract(messages: [
            PromptMessage(role: "system", content: "Be terse."),
            PromptMessage(role: "user", content: "Why is the sky blue?"),
        ])
        XCTAssertEqual(body, plain)
    }

    func testAnthropicSystemAndImageBlocks() throws {
        let f = try features(#"""
        {"model":"auto","system":[{"type":"text","text":"Answer in French."}],
         "messages":[{"role":"user","content":[{"type":"image","source":{"type":"base64","media_type":"image/png","data":"AAAA"}},
                                               {"type":"text","text":"Describe it"}]}]}
        """#)
        XCTAssertTrue(f.hasSystemPrompt)
        XCTAssertTrue(f.hasImages)
    }

    func testInvalidBodies() {
        XCTAssertThrowsError(try features("[1,2]")) { XCTAssertEqual(($0 as? FeatureError)?.code, .notAnObject) }
        XCTAssertThrowsError(try features(#"{"messages":[{"role":"user","content":"x"}"#)) {
            XCTAssertEqual(($0 as? FeatureError)?.code, .invalidJSON)
        }
    }
}
