import XCTest
@testable import HTTP1

/// A request's bytes from a string literal, written with `\r\n` explicitly.
func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

/// Feeds `input` in pieces cut at `splits` (sorted offsets), pulling every event after each
/// feed. Fails the test if the parser yields more events than the input could justify.
func parse(
    _ input: [UInt8], limits: ParserLimits = ParserLimits(), splits: [Int] = [],
    file: StaticString = #filePath, line: UInt = #line
) -> [RequestParser.Event] {
    var parser = RequestParser(limits: limits)
    var events: [RequestParser.Event] = []
    var start = 0
    let maxEvents = 2 * input.count + 4
    for cut in splits + [input.count] where cut >= start {
        parser.feed(Array(input[start..<cut]))
        start = cut
        while let event = parser.next() {
            events.append(event)
            if events.count > maxEvents {
                XCTFail("parser produced more events than bytes", file: file, line: line)
                return events
            }
        }
    }
    return events
}

/// Events with consecutive body events merged: body boundaries depend on how input was split.
func normalized(_ events: [RequestParser.Event]) -> [RequestParser.Event] {
    mergingBodies(events, body: { if case .body(let bytes) = $0 { bytes } else { nil } }, make: { .body($0) })
}

/// `events` with each run of body events (`body` gives their bytes) replaced by one, made by `make`.
func mergingBodies<Event>(_ events: [Event], body: (Event) -> [UInt8]?, make: ([UInt8]) -> Event) -> [Event] {
    var result: [Event] = []
    var pending: [UInt8]?
    for event in events {
        if let bytes = body(event) {
            pending = (pending ?? []) + bytes
            continue
        }
        if let merged = pending { result.append(make(merged)); pending = nil }
        result.append(event)
    }
    if let merged = pending { result.append(make(merged)) }
    return result
}

/// The single error among `events`, if any.
func parseError(_ events: [RequestParser.Event]) -> ParseError? {
    for case .error(let error) in events { return error }
    return nil
}

/// All heads among `events`.
func heads(_ events: [RequestParser.Event]) -> [RequestHead] {
    events.compactMap { if case .head(let head) = $0 { head } else { nil } }
}

/// Concatenated body bytes among `events`.
func bodyBytes(_ events: [RequestParser.Event]) -> [UInt8] {
    var result: [UInt8] = []
    for case .body(let chunk) in events { result += chunk }
    return result
}

/// Asserts that `request` is rejected with `status` and `code`; `afterHead` when the error
/// is in the body, so the head was delivered first.
func assertRejected(
    _ request: String, status: Int, code: ParseError.Code, limits: ParserLimits = ParserLimits(),
    afterHead: Bool = false, file: StaticString = #filePath, line: UInt = #line
) {
    let events = parse(bytes(request), limits: limits, file: file, line: line)
    guard let error = parseError(events) else {
        XCTFail("not rejected: \(events)", file: file, line: line)
        return
    }
    XCTAssertEqual(error.status.code, status, "\(error)", file: file, line: line)
    XCTAssertEqual(error.code, code, "\(error)", file: file, line: line)
    XCTAssertEqual(heads(events).count, afterHead ? 1 : 0, "heads before the error", file: file, line: line)
}

/// A small, fast, seeded generator (SplitMix64) so generated tests are reproducible.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension ServerConnectionState {
    /// Every pending action, in order.
    mutating func drain() -> [Action] {
        var result: [Action] = []
        while let action = nextAction() { result.append(action) }
        return result
    }
}
