import XCTest
@testable import Wire

final class OpenAIStreamFilterTests: XCTestCase {
    let stream = """
    data: {"id":"c1","object":"chat.completion.chunk","model":"gpt-4o-mini","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}],"usage":null}

    data: {"id":"c1","object":"chat.completion.chunk","model":"gpt-4o-mini","choices":[{"index":0,"delta":{"content":"Hi \\"there\\" 🚂"},"finish_reason":null}],"usage":null}

    : keep-alive

    data: {"id":"c1","object":"chat.completion.chunk","model":"gpt-4o-mini","choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"usage":null}

    data: {"id":"c1","object":"chat.completion.chunk","model":"gpt-4o-mini","choices":[],"usage":{"prompt_tokens":12,"completion_tokens":4,"total_tokens":16,"prompt_tokens_details":{"cached_tokens":8},"completion_tokens_details":{"reasoning_tokens":1}}}

    data: [DONE]


    """

    func run(_ filter: inout OpenAIStreamFilter, splitEvery step: Int) throws -> String {
        let bytes = Array(stream.utf8)
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            out += try filter.feed(Array(bytes[i..<min(bytes.count, i + step)]))
            i += step
        }
        out += filter.finish()
        return String(decoding: out, as: UTF8.self)
    }

    func testStripsOnlyTheUsageChunkAndKeepsEverythingElseVerbatim() throws {
        for step in [1, 2, 7, 64, 100_000] {
            var filter = OpenAIStreamFilter(stripUsage: true)
            let out = try run(&filter, splitEvery: step)
            let expected = stream.replacingOccurrences(
                of: #"data: {"id":"c1","object":"chat.completion.chunk","model":"gpt-4o-mini","choices":[],"usage":{"prompt_tokens":12,"completion_tokens":4,"total_tokens":16,"prompt_tokens_details":{"cached_tokens":8},"completion_tokens_details":{"reasoning_tokens":1}}}"# + "\n\n",
                with: "")
            XCTAssertEqual(out, expected, "split every \(step)")
            XCTAssertEqual(filter.usage, Usage(promptTokens: 12, completionTokens: 4, totalTokens: 16, cachedTokens: 8, reasoningTokens: 1))
            XCTAssertEqual(filter.finishReason, "stop")
            XCTAssertEqual(filter.model, "gpt-4o-mini")
            XCTAssertTrue(filter.sawDone)
            XCTAssertEqual(filter.events, 4)
        }
    }

    func testPassThroughWhenClientAskedForUsage() throws {
        var filter = OpenAIStreamFilter(stripUsage: false)
        XCTAssertEqual(try run(&filter, splitEvery: 5), stream)
        XCTAssertEqual(filter.usage?.completionTokens, 4)
    }

    func testErrorEventIsNotedAndForwarded() throws {
        var filter = OpenAIStreamFilter(stripUsage: true)
        let text = "data: {\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}\n\n"
        XCTAssertEqual(String(decoding: try filter.feed(Array(text.utf8)), as: UTF8.self), text)
        XCTAssertTrue(filter.sawError)
    }
}
