import XCTest
@testable import Wire

/// Canonical requests encoded as Gemini `generateContent` bodies, one feature at a time.
final class GeminiRequestEncoderTests: XCTestCase {
    func testModelGoesInThePathAndTurnsUseUserAndModelRoles() throws {
        let request = ChatRequest(model: "gemini-2.5-flash", messages: [
            ChatMessage(role: .user, parts: [.text("Hi")]),
            ChatMessage(role: .assistant, parts: [.text("Hello!")]),
            ChatMessage(role: .user, parts: [.text("And again")]),
        ])
        let body = try geminiBody(request)
        XCTAssertNil(body["model"])
        XCTAssertEqual(body["contents"], [
            ["role": "user", "parts": [["text": "Hi"]]],
            ["role": "model", "parts": [["text": "Hello!"]]],
            ["role": "user", "parts": [["text": "And again"]]],
        ])
        XCTAssertNil(body["generationConfig"], "nothing set, nothing sent")
        XCTAssertEqual(GeminiRequestEncoder().path(for: request), "/v1beta/models/gemini-2.5-flash:generateContent")
        var streamed = request
        streamed.stream = true
        XCTAssertEqual(GeminiRequestEncoder().path(for: streamed),
                       "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse")
    }

    func testPathsEscapeTheModelAndKeepResourcePrefixes() {
        XCTAssertEqual(GeminiEndpoint.generateContentPath(model: "models/gemini-2.0-flash", stream: false),
                       "/v1beta/models/gemini-2.0-flash:generateContent")
        XCTAssertEqual(GeminiEndpoint.generateContentPath(model: "tunedModels/my-model", stream: false),
                       "/v1beta/tunedModels/my-model:generateContent")
        XCTAssertEqual(GeminiEndpoint.generateContentPath(model: "evil:streamGenerateContent/../x", stream: false),
                       "/v1beta/models/evil%3AstreamGenerateContent%2F..%2Fx:generateContent")
        XCTAssertEqual(GeminiEndpoint.batchEmbedContentsPath(model: "text-embedding-004"),
                       "/v1beta/models/text-embedding-004:batchEmbedContents")
        XCTAssertEqual(GeminiEndpoint.embedContentPath(model: "gemini-embedding-001"),
                       "/v1beta/models/gemini-embedding-001:embedContent")
    }

    func testSystemInstructionsBecomeOnePartEach() throws {
        let request = ChatRequest(model: "m", system: ["Be terse.", "", "Answer in French."],
                                  messages: [ChatMessage(role: .user, parts: [.text("Hi")])])
        XCTAssertEqual(try geminiBody(request)["systemInstruction"],
                       ["parts": [["text": "Be terse."], ["text": "Answer in French."]]])
    }

    func testAdjacentMessagesOfOneRoleJoinAndEmptyOnesVanish() throws {
        let request = ChatRequest(model: "m", messages: [
            ChatMessage(role: .user, parts: [.text("one")]),
            ChatMessage(role: .user, parts: [.text(""), .text("two")]),
            ChatMessage(role: .assistant, parts: [.text("")]),
            ChatMessage(role: .user, parts: [.text("three")]),
        ])
        XCTAssertEqual(try geminiBody(request)["contents"], [
            ["role": "user", "parts": [["text": "one"], ["text": "two"], ["text": "three"]]],
        ])
    }

    func testImagesGoInlineOrAsFileDataAndOtherURLsAreRefused() throws {
        let request = ChatRequest(model: "m", messages: [ChatMessage(role: .user, parts: [
            .text("What is in these?"),
            .image(.base64(mediaType: "image/png", data: "iVBORw0KGgo=")),
            .image(.url("data:image/jpeg;base64,/9j/4AAQ")),
            .image(.url("gs://bucket/photos/cat.WEBP")),
            .image(.url("https://generativelanguage.googleapis.com/v1beta/files/abc123")),
        ])])
        XCTAssertEqual(try geminiBody(request)["contents"]?[0]?["parts"], [
            ["text": "What is in these?"],
            ["inlineData": ["mimeType": "image/png", "data": "iVBORw0KGgo="]],
            ["inlineData": ["mimeType": "image/jpeg", "data": "/9j/4AAQ"]],
            ["fileData": ["mimeType": "image/webp", "fileUri": "gs://bucket/photos/cat.WEBP"]],
            ["fileData": ["fileUri": "https://generativelanguage.googleapis.com/v1beta/files/abc123"]],
        ])

        let external = ChatRequest(model: "m", messages: [ChatMessage(role: .user, parts: [
            .image(.url("https://example.com/a/photo.jpg?size=large")),
        ])])
        XCTAssertEqual(geminiEncodeError(external)?.code, .unsupportedImageURL)
        let allowed = try geminiBody(external, options: .init(allowExternalImageURLs: true))
        XCTAssertEqual(allowed["contents"]?[0]?["parts"]?[0],
                       ["fileData": ["mimeType": "image/jpeg", "fileUri": "https://example.com/a/photo.jpg?size=large"]])

        let notBase64 = ChatRequest(model: "m", messages: [ChatMessage(role: .user, parts: [
            .image(.url("data:image/svg+xml,<svg/>")),
        ])])
        XCTAssertEqual(geminiEncodeError(notBase64)?.code, .invalidImage)
    }

    func testGenerationConfigCarriesLimitsSamplingAndThinking() throws {
        var request = ChatRequest(model: "m", messages: [ChatMessage(role: .user, parts: [.text("Hi")])],
                                  maxTokens: 256, stop: ["END", "\n\n"], temperature: 0.25, topP: 0.9,
                                  stream: true, includeUsage: true, user: "u-1", thinkingBudget: 1024)
        var body = try geminiBody(request)
        XCTAssertEqual(body["generationConfig"], [
            "maxOutputTokens": 256, "stopSequences": ["END", "\n\n"], "temperature": 0.25, "topP": 0.9,
            "thinkingConfig": ["thinkingBudget": 1024, "includeThoughts": true],
        ])
        XCTAssertNil(body["user"])
        XCTAssertNil(body["stream"])

        request.thinkingBudget = 0
        body = try geminiBody(request)
        XCTAssertEqual(body["generationConfig"]?["thinkingConfig"], ["thinkingBudget": 0, "includeThoughts": false])

        request.stop = ["a", "b", "c", "d", "e", "f"]
        XCTAssertEqual(geminiEncodeError(request)?.code, .tooManyStopSequences)
    }

    func testResponseFormatsSetTheMimeTypeAndSchema() throws {
        var request = ChatRequest(model: "m", messages: [ChatMessage(role: .user, parts: [.text("Hi")])],
                                  responseFormat: .jsonObject)
        XCTAssertEqual(try geminiBody(request)["generationConfig"], ["responseMimeType": "application/json"])

        request.responseFormat = .jsonSchema(name: "person", schema: """
            {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","additionalProperties":false,
             "properties":{"name":{"type":"string"},"age":{"type":["integer","null"]}},"required":["name","age"]}
            """, strict: true)
        XCTAssertEqual(try geminiBody(request)["generationConfig"], [
            "responseMimeType": "application/json",
            "responseSchema": [
                "type": "OBJECT",
                "properties": ["name": ["type": "STRING"], "age": ["type": "INTEGER", "nullable": true]],
                "required": ["name", "age"],
                "propertyOrdering": ["name", "age"],
            ],
        ])

        request.responseFormat = .text
        XCTAssertNil(try geminiBody(request)["generationConfig"])
        request.responseFormat = .jsonSchema(name: "broken", schema: "{nope", strict: false)
        XCTAssertEqual(geminiEncodeError(request)?.code, .invalidSchema)
    }

    func testUnsupportedMembersAreRefused() {
        let request = ChatRequest(model: "m", messages: [ChatMessage(role: .user, parts: [.text("Hi")])],
                                  unsupported: ["logprobs", "n"])
        let error = geminiEncodeError(request)
        XCTAssertEqual(error?.code, .unsupportedMember)
        XCTAssertEqual(error?.message, "Gemini cannot express: logprobs, n")
    }
}
