import XCTest
@testable import HTTP1

/// A response parser event with its body range resolved to the bytes it named.
enum ResponseEvent: Equatable, CustomStringConvertible {
    case head(ResponseHeadInfo)
    case body([UInt8])
    case end
    case error(ResponseParseError.Code)

    var description: String {
        switch self {
        case .head(let info):
            let block = String(decoding: info.headerBlock, as: UTF8.self).debugDescription
            return "head(\(info.status) \(info.framing) keepAlive: \(info.keepAlive) \(block))"
        case .body(let bytes): return "body(\(String(decoding: bytes, as: UTF8.self).debugDescription))"
        case .end: return "end"
        case .error(let code): return "error(\(code.rawValue))"
        }
    }
}

/// What one input produced: its events, and the input bytes the parser left unconsumed.
struct ResponseRun {
    var events: [ResponseEvent] = []
    var leftover = 0

    /// Events with consecutive bodies merged: body boundaries follow reads and chunks.
    var normalized: [ResponseEvent] {
        mergingBodies(events, body: { if case .body(let bytes) = $0 { bytes } else { nil } }, make: { .body($0) })
    }

    var heads: [ResponseHeadInfo] { events.compactMap { if case .head(let info) = $0 { info } else { nil } } }

    var body: [UInt8] {
        var result: [UInt8] = []
        for case .body(let bytes) in events { result += bytes }
        return result
    }

    var error: ResponseParseError.Code? {
        for case .error(let code) in events { return code }
        return nil
    }
}

/// How `parseResponse` drives the parser.
struct ResponseFeed {
    var splits: [Int] = []
    var headRequest = false
    var maxHeadBytes = 64 * 1024
    /// Report the peer's close after the last read.
    var eof = false
    /// Reset after each `.end` and hand the rest of the read to the next response.
    var pipelined = false
}

/// Feeds `input` to a fresh parser in reads cut at `feed.splits` (sorted offsets), each read
/// a separate array so a range into any other buffer shows, and pulls events until nil after
/// each read. Fails the test on any breach of the `next` contract: an empty body range or one
/// not ending at the new offset, an offset moving back, nil with bytes unconsumed while the
/// response is still open, anything consumed or returned after `.end` or `.error`.
func parseResponse(
    _ input: [UInt8], _ feed: ResponseFeed = ResponseFeed(), file: StaticString = #filePath, line: UInt = #line
) -> ResponseRun {
    var parser = ResponseParser(maxHeadBytes: feed.maxHeadBytes)
    parser.reset(requestMethodIsHead: feed.headRequest)
    var run = ResponseRun()
    var stopped = false
    var start = 0
    let maxEvents = 2 * input.count + 8
    for cut in feed.splits + [input.count] where cut >= start && run.events.count <= maxEvents {
        let read = Array(input[start..<cut])
        start = cut
        read.withUnsafeBytes { buffer in
            var offset = 0
            while run.events.count <= maxEvents {
                let before = offset
                guard let event = parser.next(buffer, offset: &offset) else {
                    XCTAssertEqual(offset, stopped ? before : read.count, "nil with bytes left", file: file, line: line)
                    break
                }
                XCTAssertFalse(stopped, "\(event) after the response ended", file: file, line: line)
                XCTAssertGreaterThanOrEqual(offset, before, "offset moved back", file: file, line: line)
                switch event {
                case .head(let info):
                    run.events.append(.head(info))
                case .body(let range):
                    guard !range.isEmpty, range.lowerBound >= before, range.upperBound == offset else {
                        XCTFail("bad body range \(range) for offset \(before) -> \(offset)", file: file, line: line)
                        return
                    }
                    run.events.append(.body(Array(read[range])))
                case .end:
                    run.events.append(.end)
                    if feed.pipelined {
                        parser.reset(requestMethodIsHead: feed.headRequest)
                    } else {
                        stopped = true
                    }
                case .error(let error):
                    run.events.append(.error(error.code))
                    stopped = true
                }
            }
            run.leftover += read.count - offset
        }
    }
    if run.events.count > maxEvents {
        XCTFail("more events than the input justifies", file: file, line: line)
    } else if feed.eof, let event = parser.eof() {
        XCTAssertFalse(stopped, "\(event) at eof after the response ended", file: file, line: line)
        switch event {
        case .end: run.events.append(.end)
        case .error(let error): run.events.append(.error(error.code))
        case .head, .body: XCTFail("eof returned \(event)", file: file, line: line)
        }
    }
    return run
}

func parseResponse(
    _ text: String, _ feed: ResponseFeed = ResponseFeed(), file: StaticString = #filePath, line: UInt = #line
) -> ResponseRun {
    parseResponse(bytes(text), feed, file: file, line: line)
}

/// A head as the parser should report it; `headerBlock` given as text.
func info(_ status: Int, _ headerBlock: String, _ framing: ResponseHeadInfo.Framing, keepAlive: Bool) -> ResponseHeadInfo {
    ResponseHeadInfo(status: status, headerBlock: bytes(headerBlock), framing: framing, keepAlive: keepAlive)
}
