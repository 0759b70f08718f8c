import XCTest
import Sim

final class TokenEstimatorTests: XCTestCase {
    func testAboutFourBytesPerTokenRoundedUp() {
        XCTAssertEqual(TokenEstimator.tokens(in: ""), 0)
        XCTAssertEqual(TokenEstimator.tokens(in: "a"), 1)
        XCTAssertEqual(TokenEstimator.tokens(in: "abcd"), 1)
        XCTAssertEqual(TokenEstimator.tokens(in: "abcde"), 2)
        XCTAssertEqual(TokenEstimator.tokens(in: String(repeating: "x", count: 400)), 100)
        XCTAssertEqual(TokenEstimator.tokens(in: "日本語"), 3, "9 UTF-8 bytes")
    }

    func testPromptAddsPerMessageOverheadAndReplyPriming() {
        XCTAssertEqual(TokenEstimator.promptTokens(messageTexts: []), 3)
        XCTAssertEqual(TokenEstimator.promptTokens(messageTexts: ["Hello there!"]), 3 + 4 + 3)
        XCTAssertEqual(TokenEstimator.promptTokens(messageTexts: ["You are terse.", "Hi"]), 3 + (4 + 4) + (4 + 1))
    }
}
