import XCTest
@testable import HTTP1

/// Generated-input fuzzing: random and mutated-valid request streams, fed whole and split.
final class RequestParserFuzzTests: XCTestCase {
    func testGeneratedStreams() {
        var generator = RequestGenerator(seed: 0x5EED_0001)
        var failures = 0
        for iteration in 0..<100_000 where failures < 5 {
            let input: [UInt8]
            let limits: ParserLimits
            switch iteration % 10 {
            case 0:
                // Valid and unmutated: everything must come out exactly.
                let stream = generator.validStream()
                let events = parse(stream.bytes)
                if parseError(events) != nil || heads(events).count != stream.count
                    || bodyBytes(events) != stream.body || events.last != .end {
                    failures += 1
                    XCTFail("valid stream misparsed: \(String(decoding: stream.bytes, as: UTF8.self))")
                }
                input = stream.bytes
                limits = ParserLimits()
            case 1:
                input = generator.randomBytes(generator.int(0...120))
                limits = ParserLimits()
            case 2, 3:
                input = generator.mutate(generator.validStream().bytes)
                limits = generator.limits()
            default:
                input = generator.mutate(generator.validStream().bytes)
                limits = ParserLimits()
            }
            if !check(input, limits: limits, splits: generator.splits(input.count)) { failures += 1 }
        }
    }

    /// Whole and split parses agree, never report more body than fed, and follow the event
    /// grammar `(head body* end)* [head body*] [error]`.
    private func check(_ input: [UInt8], limits: ParserLimits, splits: [Int]) -> Bool {
        let whole = parse(input, limits: limits)
        let split = parse(input, limits: limits, splits: splits)
        var text: String { String(decoding: input, as: UTF8.self).debugDescription }
        guard normalized(whole) == normalized(split) else {
            XCTFail("split \(splits) changed events for \(text)")
            return false
        }
        guard bodyBytes(whole).count <= input.count else {
            XCTFail("more body bytes than input for \(text)")
            return false
        }
        var inRequest = false
        for (index, event) in whole.enumerated() {
            let ok: Bool
            switch event {
            case .head: ok = !inRequest; inRequest = true
            case .body(let bytes): ok = inRequest && !bytes.isEmpty
            case .end: ok = inRequest; inRequest = false
            case .error: ok = index == whole.count - 1
            }
            guard ok else {
                XCTFail("event grammar broken at \(index) for \(text): \(whole)")
                return false
            }
        }
        return true
    }
}
