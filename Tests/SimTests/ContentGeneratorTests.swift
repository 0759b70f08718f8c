import XCTest
@testable import Sim

final class ContentGeneratorTests: XCTestCase {
    func testSameRequestGivesSameAnswer() {
        let a = ContentGenerator.completion(for: chat("What is a gateway?"))
        let b = ContentGenerator.completion(for: chat("What is a gateway?"))
        XCTAssertEqual(a, b)
        XCTAssertFalse(a.content.isEmpty)
    }

    func testModelAndMessagesChangeTheAnswer() {
        let base = ContentGenerator.completion(for: chat("What is a gateway?")).content
        XCTAssertNotEqual(base, ContentGenerator.completion(for: chat("What is a router?")).content)
        XCTAssertNotEqual(base, ContentGenerator.completion(for: chat("What is a gateway?", model: "gpt-4o")).content)
    }

    func testNaturalLengthIsTwentyToSixtyTokensEndingInAFullStop() {
        var lengths = Set<Int>()
        for i in 0..<300 {
            let completion = ContentGenerator.completion(for: chat("question \(i)"))
            XCTAssertTrue(ContentGenerator.naturalLength.contains(completion.completionTokens))
            XCTAssertEqual(completion.finishReason, .stop)
            XCTAssertEqual(completion.pieces.last, ".")
            XCTAssertFalse(completion.content.hasPrefix(" "))
            XCTAssertTrue(completion.content.first!.isUppercase)
            XCTAssertFalse(completion.content.contains(".."))
            XCTAssertFalse(completion.content.contains(",,"))
            XCTAssertFalse(completion.content.contains(",."))
            lengths.insert(completion.completionTokens)
        }
        XCTAssertGreaterThan(lengths.count, 20, "lengths spread over the range")
    }

    func testEchoReturnsExactlyTheRestOfTheLastUserMessage() {
        for rest in ["hello world", " leading space", "", "ünïcödé 🙂 and \"quotes\"\nnew line",
                     "averyveryverylongwordwithoutspaces and  two  spaces  "] {
            let completion = ContentGenerator.completion(for: chat("echo:" + rest))
            XCTAssertEqual(completion.content, rest)
            XCTAssertEqual(completion.finishReason, .stop)
        }
    }

    func testEchoReadsOnlyTheLastUserMessage() {
        var request = chat("echo:first")
        request.messages.append(.init(role: "assistant", text: "echo:assistant"))
        XCTAssertEqual(ContentGenerator.completion(for: request).content, "first")
        request.messages.append(.init(role: "user", text: "no echo here"))
        XCTAssertNotEqual(ContentGenerator.completion(for: request).content, "first")
    }

    func testEchoPiecesAreTokenSized() {
        let pieces = ContentGenerator.echoPieces("one two  three abcdefghijkl")
        XCTAssertEqual(pieces, ["one", " two", "  three", " abcdefgh", "ijkl"])
    }

    func testMaxTokensCutsWithFinishReasonLength() {
        let full = ContentGenerator.completion(for: chat("Tell me more"))
        let cut = ContentGenerator.completion(for: chat("Tell me more", maxTokens: 5))
        XCTAssertEqual(cut.completionTokens, 5)
        XCTAssertEqual(cut.finishReason, .length)
        XCTAssertEqual(cut.pieces, Array(full.pieces.prefix(5)))

        let exact = ContentGenerator.completion(for: chat("Tell me more", maxTokens: full.completionTokens))
        XCTAssertEqual(exact.finishReason, .stop)
        XCTAssertEqual(exact.pieces, full.pieces)

        let echo = ContentGenerator.completion(for: chat("echo:a b c d", maxTokens: 2))
        XCTAssertEqual(echo.content, "a b")
        XCTAssertEqual(echo.finishReason, .length)
    }

    func testUsageCountsPromptEstimateAndGeneratedTokens() {
        let completion = ContentGenerator.completion(for: chat("echo:one two three"))
        XCTAssertEqual(completion.promptTokens, TokenEstimator.promptTokens(messageTexts: ["echo:one two three"]))
        XCTAssertEqual(completion.usage.completionTokens, 3)
        XCTAssertEqual(completion.usage.totalTokens, completion.promptTokens + 3)
    }
}
