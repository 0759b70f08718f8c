import Foundation
import XCTest
import Wire

final class OpenAIErrorTests: XCTestCase {
    func testEncodesOpenAIShape() {
        let error = OpenAIError(message: "The model `gpt-5x` does not exist", type: .invalidRequest,
                                param: "model", code: "model_not_found")
        XCTAssertEqual(
            String(decoding: error.encoded(), as: UTF8.self),
            #"{"error":{"message":"The model `gpt-5x` does not exist","type":"invalid_request_error","param":"model","code":"model_not_found"}}"#
        )
        let plain = OpenAIError(message: "Rate limit reached", type: .rateLimit)
        XCTAssertEqual(
            String(decoding: plain.encoded(), as: UTF8.self),
            #"{"error":{"message":"Rate limit reached","type":"rate_limit_error","param":null,"code":null}}"#
        )
    }

    func testMessageIsEscapedAndReadable() throws {
        let error = OpenAIError(message: "bad \"key\"\n\\ é", type: .authentication, code: "invalid_api_key")
        let object = try JSONSerialization.jsonObject(with: Data(error.encoded())) as? [String: Any]
        let inner = object?["error"] as? [String: Any]
        XCTAssertEqual(inner?["message"] as? String, "bad \"key\"\n\\ é")
        XCTAssertEqual(inner?["type"] as? String, "authentication_error")
        XCTAssertTrue(inner?["param"] is NSNull)
        XCTAssertEqual(OpenAIError.Kind.api.rawValue, "api_error")
    }
}
