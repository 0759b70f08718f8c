import XCTest
@testable import HTTP1

/// Generated-input fuzzing: random bytes and valid or mutated response streams, fed whole
/// and in random splits, with and without the peer's close.
final class ResponseParserFuzzTests: XCTestCase {
    func testGeneratedStreams() {
        var generator = ResponseGenerator(seed: 0x5EED_0002)
        var failures = 0
        for iteration in 0..<50_000 where failures < 5 {
            var feed = ResponseFeed(headRequest: generator.random.chance(5), eof: generator.random.chance(70),
                                    pipelined: true)
            let input: [UInt8]
            switch iteration % 10 {
            case 0, 1:
                // Valid and unmutated: everything must come out exactly, however it is split.
                let stream = generator.validStream(headRequest: feed.headRequest)
                feed.eof = true
                feed.splits = generator.random.splits(stream.bytes.count)
                let run = parseResponse(stream.bytes, feed)
                if run.normalized != stream.events || run.leftover != 0 {
                    failures += 1
                    XCTFail("valid stream misparsed: \(String(decoding: stream.bytes, as: UTF8.self).debugDescription)"
                        + "\n got \(run.normalized)\n want \(stream.events)")
                }
                input = stream.bytes
            case 2:
                input = generator.random.randomBytes(generator.random.int(0...120))
            case 3:
                input = bytes("HTTP/1.1 200 OK\r\n") + generator.random.randomBytes(generator.random.int(0...120))
            case 4, 5:
                input = generator.random.mutate(generator.validStream(headRequest: feed.headRequest).bytes)
                feed.maxHeadBytes = generator.random.int(0...300)
            default:
                input = generator.random.mutate(generator.validStream(headRequest: feed.headRequest).bytes)
            }
            feed.splits = generator.random.splits(input.count)
            if !check(input, feed) { failures += 1 }
        }
    }

    /// Whole and split parses agree, never report more body than fed, and follow the event
    /// grammar `(head body* end)* [head body*] [error]`. `parseResponse` checks every range.
    private func check(_ input: [UInt8], _ feed: ResponseFeed) -> Bool {
        var whole = feed
        whole.splits = []
        let events = parseResponse(input, whole).normalized
        var text: String { String(decoding: input, as: UTF8.self).debugDescription }
        guard parseResponse(input, feed).normalized == events else {
            XCTFail("split \(feed.splits) changed events for \(text)")
            return false
        }
        var bodyBytes = 0
        var inResponse = false
        for (index, event) in events.enumerated() {
            let ok: Bool
            switch event {
            case .head: ok = !inResponse; inResponse = true
            case .body(let bytes): ok = inResponse && !bytes.isEmpty; bodyBytes += bytes.count
            case .end: ok = inResponse; inResponse = false
            case .error: ok = index == events.count - 1
            }
            guard ok, bodyBytes <= input.count else {
                XCTFail("event grammar broken at \(index) for \(text): \(events)")
                return false
            }
        }
        return true
    }
}
