import XCTest
import Wire

final class OpenAIChunkWatchTests: XCTestCase {
    /// nil when the chunk is not a valid JSON object.
    private func needs(_ text: String) -> Bool? {
        bytes(text).withUnsafeBytes { raw -> Bool? in
            var watch = OpenAIChunkWatch()
            guard (try? JSONScanner.validateObject(raw, watching: &watch)) != nil else { return nil }
            return watch.needsSummary
        }
    }

    func testPlainDeltasNeedOnlyValidation() {
        XCTAssertEqual(needs(#"{"id":"c1","object":"chat.completion.chunk","model":"m","choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}]}"#), false)
        // OpenAI with include_usage: every chunk but the last says "usage":null.
        XCTAssertEqual(needs(#"{"id":"c1","choices":[{"delta":{"content":"a"},"logprobs":null,"finish_reason":null}],"usage":null}"#), false)
        XCTAssertEqual(needs(#"{ "choices" : [ { "finish_reason" :\#tnull } ], "usage"  :  null, "error":null }"#), false)
        // Names inside strings are content.
        XCTAssertEqual(needs(#"{"choices":[{"delta":{"content":"usage \"error\": 1"},"finish_reason":null}]}"#), false)
    }

    func testAnythingThatMayCarryANoteNeedsTheSummary() {
        XCTAssertEqual(needs(#"{"choices":[{"delta":{},"finish_reason":"stop"}]}"#), true)
        XCTAssertEqual(needs(#"{"choices":[],"usage":{"prompt_tokens":1,"completion_tokens":2,"total_tokens":3}}"#), true)
        XCTAssertEqual(needs(#"{"error":{"message":"overloaded"}}"#), true)
        XCTAssertEqual(needs(#"{"choices":[{"finish_reason" : "length"}]}"#), true)
        // A key spelled with an escape may decode to one of the names.
        XCTAssertEqual(needs(#"{"\u0075sage":{"prompt_tokens":1}}"#), true)
    }

    func testInvalidChunksFailWhateverTheyName() {
        XCTAssertNil(needs(#"{"usage":nul}"#))
        XCTAssertNil(needs(#"{"choices":[{"delta":{"content":"a"}}"#))
        XCTAssertNil(needs(#"[{"usage":null}]"#))
        XCTAssertNil(needs(#"{"a":1} x"#))
    }

    /// On generated chunks the watch never says "plain" where the summary finds something, and
    /// it accepts exactly what the summary's scan accepts.
    func testNeverMissesWhatTheSummaryFinds() throws {
        var rng = SeededGenerator(seed: 0x7A1A6E)
        let pieces = [#""usage""#, #""error""#, #""finish_reason""#, ":", "null", #""stop""#, "{", "}", "[", "]", ",",
                      #""choices""#, #""delta""#, #""content""#, #""x\"""#, #""\\""#, #""\u0075sage""#, " ", "1", #""a""#]
        var plainSeen = 0
        for _ in 0 ..< 20_000 {
            var text = ""
            if Bool.random(using: &rng) {
                let reason = [#""stop""#, "null", "1", #""length""#].randomElement(using: &rng)!
                let usage = ["null", #"{"total_tokens":3}"#, "[]"].randomElement(using: &rng)!
                let error = ["null", #"{"message":"m"}"#].randomElement(using: &rng)!
                var members = [#""choices":[{"delta":{"content":"t"},"finish_reason":\#(reason)}]"#]
                if Bool.random(using: &rng) { members.append(#""usage":\#(usage)"#) }
                if Int.random(in: 0 ..< 4, using: &rng) == 0 { members.append(#""error":\#(error)"#) }
                text = "{" + members.shuffled(using: &rng).joined(separator: ",") + "}"
            } else {
                text = "{"
                for _ in 0 ..< Int.random(in: 1 ..< 14, using: &rng) { text += pieces.randomElement(using: &rng)! }
            }
            let summary = try? OpenAIResponseSummary.scan(bytes(text))
            let verdict = needs(text)
            XCTAssertEqual(verdict == nil, summary == nil, text)
            if let summary, verdict == false {
                plainSeen += 1
                XCTAssertNil(summary.usage, text)
                XCTAssertNil(summary.finishReason, text)
                XCTAssertFalse(summary.hasError, text)
            }
        }
        XCTAssertGreaterThan(plainSeen, 1_000)
    }
}
