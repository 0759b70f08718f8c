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

    /// One whole block per piece, as providers send tokens: after the first, pieces that all
    /// go out come back as the same storage, and the notes match a byte-at-a-time run.
    func testWholeBlockPiecesPassWithoutCopyAndNoteTheSame() throws {
        let pieces = stream.components(separatedBy: "\n\n").dropLast().map { Array(($0 + "\n\n").utf8) }
        for stripUsage in [true, false] {
            var whole = OpenAIStreamFilter(stripUsage: stripUsage)
            var out: [UInt8] = []
            for piece in pieces {
                let sent = try whole.feed(piece)
                out += sent
                if whole.model != nil && !sent.isEmpty && !piece.starts(with: Array(": ".utf8)) {
                    XCTAssertEqual(sent, piece)
                }
            }
            var single = OpenAIStreamFilter(stripUsage: stripUsage)
            XCTAssertEqual(String(decoding: out, as: UTF8.self), try run(&single, splitEvery: 1))
            XCTAssertEqual(whole.usage, single.usage)
            XCTAssertEqual(whole.finishReason, single.finishReason)
            XCTAssertEqual(whole.events, single.events)
            XCTAssertEqual(whole.sawDone, single.sawDone)
        }
        // Several blocks in one piece with the usage chunk among them: only that one is dropped.
        var filter = OpenAIStreamFilter(stripUsage: true)
        _ = try filter.feed(pieces[0])
        let joined = Array(pieces[1...].joined())
        let sent = try filter.feed(joined)
        XCTAssertEqual(sent, Array(pieces[1...].filter { !String(decoding: $0, as: UTF8.self).contains("prompt_tokens") }.joined()))
        XCTAssertEqual(filter.usage?.totalTokens, 16)
    }

    /// Whole blocks followed by a comment, a CRLF block and a block cut in two: the whole ones
    /// go out where they lie, the rest through the reader, and nothing is lost or doubled.
    func testWholeBlocksThenOtherShapesInOnePiece() throws {
        let first = "data: {\"model\":\"m\",\"choices\":[]}\n\n"
        let token = "data: {\"choices\":[{\"delta\":{\"content\":\"a\"},\"finish_reason\":null}]}\n\n"
        let usage = "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":2,\"total_tokens\":3}}\n\n"
        let tail = token + usage + ": ping\n\n" + "data: {\"choices\":[]}\r\n\r\n" + "data: {\"cho"
        for stripUsage in [true, false] {
            var filter = OpenAIStreamFilter(stripUsage: stripUsage)
            var out = try filter.feed(Array(first.utf8))
            out += try filter.feed(Array(tail.utf8))
            out += try filter.feed(Array("ices\":[]}\n\n".utf8))
            out += filter.finish()
            let expected = first + token + (stripUsage ? "" : usage) + ": ping\n\n" + "data: {\"choices\":[]}\r\n\r\n" + "data: {\"choices\":[]}\n\n"
            XCTAssertEqual(String(decoding: out, as: UTF8.self), expected)
            XCTAssertEqual(filter.usage?.totalTokens, 3)
            XCTAssertEqual(filter.events, 5)
        }
    }

    func testMalformedChunkOnTheFastPathIsDroppedAndNoted() throws {
        var filter = OpenAIStreamFilter(stripUsage: true)
        let first = Array("data: {\"model\":\"m\",\"choices\":[]}\n\n".utf8)
        XCTAssertEqual(try filter.feed(first), first)
        let good = "data: {\"choices\":[{\"delta\":{\"content\":\"a\"},\"finish_reason\":null}]}\n\n"
        let sent = try filter.feed(Array((good + "data: {\"choices\":[{\"delta\":{\"content\":\"a\"}\n\n").utf8))
        XCTAssertEqual(String(decoding: sent, as: UTF8.self), good)
        XCTAssertTrue(filter.sawMalformed)
    }
}
