import XCTest
import Wire

/// Canonical stream events for the Responses round trips: made from answer parts, decoded from
/// bytes fed in random pieces, and read back into parts.
enum ResponsesCanonicalEvents {
    /// Canonical stream events for `parts`, one block per part, text cut into random pieces;
    /// consecutive tool calls interleave their argument fragments, as parallel calls do.
    static func streamEvents(_ parts: [ContentPart], _ generator: inout SeededGenerator) -> [StreamEvent] {
        var events: [StreamEvent] = [.start(id: "chatcmpl-rt", model: "m-1")]
        var pendingCalls: [(block: Int, pieces: [String])] = []
        func flushCalls() {
            while !pendingCalls.isEmpty {
                let i = Int.random(in: 0..<pendingCalls.count, using: &generator)
                if pendingCalls[i].pieces.isEmpty {
                    events.append(.blockStop(index: pendingCalls[i].block))
                    pendingCalls.remove(at: i)
                } else {
                    events.append(.toolCallArguments(index: pendingCalls[i].block, pendingCalls[i].pieces.removeFirst()))
                }
            }
        }
        for (block, part) in parts.enumerated() {
            if case .toolCall(let id, let name, let arguments, _) = part {
                events.append(.toolCallStart(index: block, id: id, name: name))
                pendingCalls.append((block, pieces(arguments, &generator)))
                continue
            }
            flushCalls()
            switch part {
            case .text(let text):
                events += pieces(text, &generator).map { .text(index: block, $0) }
            case .thinking(let text, let signature):
                events += pieces(text, &generator).map { .thinking(index: block, $0) }
                if let signature { events.append(.thinkingSignature(index: block, signature)) }
            default:
                continue
            }
            events.append(.blockStop(index: block))
        }
        flushCalls()
        return events
    }

    private static func pieces(_ text: String, _ generator: inout SeededGenerator) -> [String] {
        var rest = Substring(text)
        var result: [String] = []
        while !rest.isEmpty {
            let length = Int.random(in: 1...max(1, rest.count), using: &generator)
            result.append(String(rest.prefix(length)))
            rest = rest.dropFirst(length)
        }
        return result
    }

    static func decodeInPieces(_ bytes: [UInt8], _ generator: inout SeededGenerator) -> [StreamEvent] {
        var decoder = ResponsesStreamDecoder()
        var events: [StreamEvent] = []
        var offset = 0
        while offset < bytes.count {
            let end = min(bytes.count, offset + Int.random(in: 1...300, using: &generator))
            events += decoder.feed(Array(bytes[offset..<end]))
            offset = end
        }
        return events + decoder.finish()
    }

    /// Text, thinking and argument fragments in order, whatever their blocks.
    static func fragments(_ events: [StreamEvent]) -> [String] {
        events.compactMap { event in
            switch event {
            case .text(_, let text): "text:" + text
            case .thinking(_, let text): "thinking:" + text
            case .toolCallArguments(_, let fragment): "arguments:" + fragment
            default: nil
            }
        }
    }

    /// Blocks are numbered from 0 in order of first use, get nothing after their stop, and
    /// each stops exactly once.
    static func checkBlocks(_ events: [StreamEvent], _ label: String) {
        var seen: [Int] = []
        var stopped: Set<Int> = []
        for event in events {
            let block: Int
            switch event {
            case .text(let i, _), .thinking(let i, _), .thinkingSignature(let i, _), .toolCallStart(let i, _, _),
                 .toolCallArguments(let i, _):
                block = i
            case .blockStop(let i):
                XCTAssertTrue(stopped.insert(i).inserted, "\(label): block \(i) stopped twice")
                continue
            default:
                continue
            }
            XCTAssertFalse(stopped.contains(block), "\(label): event after block \(block) stopped")
            if !seen.contains(block) {
                XCTAssertEqual(block, seen.count, label)
                seen.append(block)
            }
        }
        XCTAssertEqual(stopped, Set(seen), label)
    }

    /// The parts a client would assemble from the events, one per block.
    static func accumulate(_ events: [StreamEvent]) -> [ContentPart] {
        var parts: [Int: ContentPart] = [:]
        var order: [Int] = []
        func update(_ block: Int, _ change: (ContentPart?) -> ContentPart) {
            if parts[block] == nil { order.append(block) }
            parts[block] = change(parts[block])
        }
        for event in events {
            switch event {
            case .text(let i, let text):
                update(i) { part in if case .text(let old)? = part { .text(old + text) } else { .text(text) } }
            case .thinking(let i, let text):
                update(i) { part in
                    if case .thinking(let old, let signature)? = part { .thinking(text: old + text, signature: signature) }
                    else { .thinking(text: text, signature: nil) }
                }
            case .thinkingSignature(let i, let signature):
                update(i) { part in
                    if case .thinking(let old, _)? = part { .thinking(text: old, signature: signature) }
                    else { .thinking(text: "", signature: signature) }
                }
            case .toolCallStart(let i, let id, let name):
                update(i) { _ in .toolCall(id: id, name: name, arguments: "") }
            case .toolCallArguments(let i, let fragment):
                update(i) { part in
                    guard case .toolCall(let id, let name, let old, _)? = part else { return .text("orphan") }
                    return .toolCall(id: id, name: name, arguments: old + fragment)
                }
            default:
                continue
            }
        }
        return order.map { parts[$0]! }
    }
}
