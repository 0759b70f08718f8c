import Routing
import XCTest

final class FeaturesExtractorTests: XCTestCase {
    func testCodeFenceAndKeywords() {
        let f = FeatureExtractor.extract(prompt: "```swift\nfunc f(x: Int) -> Int {\n    return x * 2\n}\n```\nWhy does this crash?")
        XCTAssertTrue(f.hasCode)
        XCTAssertFalse(f.hasMath)
        XCTAssertEqual(f.reasoningCues, 1)
    }

    func testRequestForCodeWithoutCode() {
        XCTAssertTrue(FeatureExtractor.extract(prompt: "Write a python function to remove duplicates from a list.").hasCode)
        XCTAssertFalse(FeatureExtractor.extract(prompt: "What is the function of the liver?").hasCode)
    }

    func testMathWordProblemAndTeX() {
        let problem = "Janet's ducks lay 16 eggs per day. She sells the rest for $2 each. How much does she make?"
        XCTAssertTrue(FeatureExtractor.extract(prompt: problem).hasMath)
        XCTAssertTrue(FeatureExtractor.extract(prompt: "Prove that $\\sqrt{2}$ is irrational, using \\frac{p}{q}.").hasMath)
        XCTAssertTrue(FeatureExtractor.extract(prompt: "Compute 12 + 30 = ? and 7 * 6.").hasMath)
        XCTAssertFalse(FeatureExtractor.extract(prompt: "Tell me about the history of Rome.").hasMath)
    }

    func testScripts() {
        XCTAssertEqual(FeatureExtractor.extract(prompt: "请解释一下量子纠缠是什么，并举一个例子。").script, .cjk)
        XCTAssertEqual(FeatureExtractor.extract(prompt: "日本語で答えてください: what is AI?").script, .cjk)
        XCTAssertEqual(FeatureExtractor.extract(prompt: "Объясни, почему небо голубое?").script, .cyrillic)
        XCTAssertEqual(FeatureExtractor.extract(prompt: "ما هي عاصمة فرنسا؟").script, .arabic)
        XCTAssertEqual(FeatureExtractor.extract(prompt: "Γειά σου κόσμε, τι κάνεις;").script, .other)
        XCTAssertEqual(FeatureExtractor.extract(prompt: "Où est la bibliothèque?").script, .latin)
        XCTAssertEqual(FeatureExtractor.extract(prompt: "1234 5678").script, .latin)
    }

    func testCJKCharactersAreWords() {
        let f = FeatureExtractor.extract(prompt: "量子纠缠")
        // Four one-character words: 4 unigrams + 3 bigrams, plus meta tokens.
        let words = FeatureExtractor.extract(prompt: "量子").ngramHashes.count
        XCTAssertEqual(f.ngramHashes.count - words, 4)
    }

    func testNgramsAreLowercasedDeduplicatedAndOrderFree() {
        let a = FeatureExtractor.extract(prompt: "Hello World hello world")
        let b = FeatureExtractor.extract(prompt: "hello world")
        XCTAssertEqual(Set(a.ngramHashes).count, a.ngramHashes.count, "no duplicates")
        // "world hello" is the only extra bigram.
        XCTAssertEqual(Set(a.ngramHashes).subtracting(b.ngramHashes).count, 1)
        XCTAssertTrue(a.ngramHashes.contains(NgramHash.unigram(NgramHash.word("hello"))))
        XCTAssertTrue(a.ngramHashes.contains(NgramHash.bigram(NgramHash.word("hello"), NgramHash.word("world"))))
        XCTAssertTrue(a.ngramHashes.allSatisfy { $0 < NgramHash.space })
    }

    func testNumbersShareATokenByLength() {
        let a = FeatureExtractor.extract(prompt: "add 17 apples")
        let b = FeatureExtractor.extract(prompt: "add 42 apples")
        XCTAssertEqual(Set(a.ngramHashes), Set(b.ngramHashes))
    }

    func testReasoningCuesIncludeBigrams() {
        let f = FeatureExtractor.extract(prompt: "Think step by step and explain why. Let's think it through.")
        // "step by", "explain", "why", "lets think" ("think it through" is not "think through").
        XCTAssertEqual(f.reasoningCues, 4)
    }

    func testTokenEstimateAndTurns() {
        let text = String(repeating: "abcd ", count: 100)
        let f = FeatureExtractor.extract(messages: [
            PromptMessage(role: "system", content: "Be brief."),
            PromptMessage(role: "user", content: text),
            PromptMessage(role: "assistant", content: "ok"),
            PromptMessage(role: "user", content: "again"),
        ])
        XCTAssertTrue(f.hasSystemPrompt)
        XCTAssertEqual(f.turns, 2)
        let bytes = 9 + 500 + 2 + 5
        XCTAssertEqual(f.promptTokens, (bytes + 3) / 4 + 4 * 4 + 3)
    }

    func testCategoryIsLeftForTheCaller() {
        XCTAssertNil(FeatureExtractor.extract(prompt: "hi").category)
        XCTAssertEqual(FeatureExtractor.extract(prompt: "hi", category: .math).category, .math)
    }

    func testLongPromptIsCapped() {
        var text = ""
        for i in 0 ..< 5000 { text += "word\(i) " }
        let f = FeatureExtractor.extract(prompt: text)
        XCTAssertLessThanOrEqual(f.ngramHashes.count, FeatureExtractor.maxNgrams)
        XCTAssertEqual(f.promptTokens, (text.utf8.count + 3) / 4 + 7)
    }
}
