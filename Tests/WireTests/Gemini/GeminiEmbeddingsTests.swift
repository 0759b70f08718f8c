import XCTest
@testable import Wire

/// OpenAI embeddings requests as `batchEmbedContents` and Gemini's answers as OpenAI lists.
final class GeminiEmbeddingsTests: XCTestCase {
    func request(_ json: String) throws -> GeminiEmbeddings {
        try GeminiEmbeddings(openAIRequest: Array(json.utf8))
    }

    func requestError(_ json: String) -> GeminiCodecError? {
        do {
            _ = try request(json)
            return nil
        } catch {
            return error as? GeminiCodecError
        }
    }

    func testRequestsBecomeOneEntryPerInputNamingTheModel() throws {
        let single = try request(#"{"model":"embed-small","input":"hello"}"#)
        XCTAssertEqual(single.inputs, ["hello"])
        XCTAssertEqual(try JSONValue.parse(single.geminiBody(upstreamModel: "text-embedding-004")), ["requests": [
            ["model": "models/text-embedding-004", "content": ["parts": [["text": "hello"]]]],
        ]])
        let batch = try request(#"{"model":"e","input":["a","b"],"dimensions":256,"encoding_format":"base64","user":"u"}"#)
        XCTAssertEqual(batch.encodingFormat, .base64)
        XCTAssertEqual(try JSONValue.parse(batch.geminiBody(upstreamModel: "gemini-embedding-001")), ["requests": [
            ["model": "models/gemini-embedding-001", "content": ["parts": [["text": "a"]]], "outputDimensionality": 256],
            ["model": "models/gemini-embedding-001", "content": ["parts": [["text": "b"]]], "outputDimensionality": 256],
        ]])
        XCTAssertEqual(batch.path(upstreamModel: "gemini-embedding-001"), "/v1beta/models/gemini-embedding-001:batchEmbedContents")
    }

    func testRequestsGeminiCannotServeAreRefused() {
        for bad in [#"{"input":"x"}"#, #"{"model":"m","input":[1,2,3]}"#, #"{"model":"m","input":[]}"#,
                    #"{"model":"m","input":["a",""]}"#, #"{"model":"m","input":"x","dimensions":0}"#,
                    #"{"model":"m","input":"x","encoding_format":"int8"}"#, "nope"] {
            XCTAssertEqual(requestError(bad)?.code, .invalidEmbeddingsRequest, bad)
        }
        let many = "[" + Array(repeating: #""x""#, count: 101).joined(separator: ",") + "]"
        XCTAssertEqual(requestError(#"{"model":"m","input":\#(many)}"#)?.code, .invalidEmbeddingsRequest)
    }

    func testResponsesBecomeOpenAIListsWithEstimatedUsage() throws {
        let embeddings = GeminiEmbeddings(model: "embed-small", inputs: ["hello world", "hi"])
        let body = try embeddings.openAIResponse(fromGemini: Array("""
            {"embeddings":[{"values":[0.0123,-0.5,1e-3]},{"values":[0.25,0,-1]}]}
            """.utf8))
        XCTAssertEqual(String(decoding: body, as: UTF8.self),
                       #"{"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.0123,-0.5,1e-3]},"#
                       + #"{"object":"embedding","index":1,"embedding":[0.25,0,-1]}],"model":"embed-small","#
                       + #""usage":{"prompt_tokens":4,"total_tokens":4}}"#)
        XCTAssertThrowsError(try embeddings.openAIResponse(fromGemini: Array(#"{"embeddings":[{"values":[1]}]}"#.utf8)))
        XCTAssertThrowsError(try embeddings.openAIResponse(fromGemini: Array(#"{"embeddings":[{"values":["x"]},{}]}"#.utf8)))
    }

    func testSingleEmbeddingsUsageMetadataAndBase64() throws {
        var embeddings = GeminiEmbeddings(model: "e", inputs: ["abc"], encodingFormat: .base64)
        let json = #"{"embedding":{"values":[1,-2.5]},"usageMetadata":{"promptTokenCount":7}}"#
        let object = try JSONValue.parse(try embeddings.openAIResponse(fromGemini: Array(json.utf8)))
        // 1.0f = 00 00 80 3F, -2.5f = 00 00 20 C0 (little-endian).
        XCTAssertEqual(object["data"]?[0]?["embedding"], "AACAPwAAIMA=")
        XCTAssertEqual(object["usage"], ["prompt_tokens": 7, "total_tokens": 7])
        embeddings.encodingFormat = .float
        XCTAssertEqual(try JSONValue.parse(try embeddings.openAIResponse(fromGemini: Array(json.utf8)))["data"]?[0]?["embedding"],
                       [1, -2.5])
    }

    func testBase64MatchesRFC4648() {
        let vectors: [(String, String)] = [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foobar", "Zm9vYmFy")]
        for (plain, encoded) in vectors { XCTAssertEqual(GeminiBase64.encode(Array(plain.utf8)), encoded) }
    }
}
