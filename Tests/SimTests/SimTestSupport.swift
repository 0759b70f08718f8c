import XCTest
@testable import Sim
import Wire

/// A chat request with one user message.
func chat(_ text: String, model: String = "gpt-4o-mini", maxTokens: Int? = nil) -> SimChatRequest {
    var request = SimChatRequest(model: model, messages: [.init(role: "user", text: text)])
    request.maxTokens = maxTokens
    return request
}

/// The request body bytes of a JSON literal.
func body(_ json: String) -> [UInt8] { Array(json.utf8) }

/// The `data:` payloads of an event stream, in order; fails the test on any other line shape.
func eventPayloads(_ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) -> [String] {
    let text = String(decoding: bytes, as: UTF8.self)
    XCTAssertTrue(text.hasSuffix("\n\n"), "stream ends with a blank line", file: file, line: line)
    var payloads: [String] = []
    for block in text.split(separator: "\n\n", omittingEmptySubsequences: true) {
        XCTAssertTrue(block.hasPrefix("data: "), "event \(block) is one data line", file: file, line: line)
        XCTAssertFalse(block.contains("\n"), "event \(block) is one line", file: file, line: line)
        payloads.append(String(block.dropFirst("data: ".count)))
    }
    return payloads
}

/// Parses JSON text, failing the test when it is invalid.
func json(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> JSONValue {
    do {
        return try JSONValue.parse(text)
    } catch {
        XCTFail("invalid JSON \(text): \(error)", file: file, line: line)
        throw error
    }
}

/// The error `OpenAIDialect.decodeChat` throws for `text`, or nil when it decodes.
func decodeError(_ text: String) -> SimError? {
    do {
        _ = try OpenAIDialect.decodeChat(body(text))
        return nil
    } catch {
        return error
    }
}

let sampleIdentity = ResponseIdentity(id: "chatcmpl-TEST", created: 1_700_000_000, model: "gpt-4o-mini",
                                      fingerprint: "fp_0123456789")
