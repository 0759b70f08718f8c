import XCTest
import Wire

/// The final response a stream's terminal event carries is byte for byte what
/// `ResponsesResponseEncoder` writes for the same content, ids and times included.
final class ResponsesRoundTripTests: XCTestCase {
    private let reasons: [StopReason] = [.endTurn, .stopSequence, .maxTokens, .toolUse, .contentFilter, .other]

    /// Canonical stream events for `parts`, one block per part, text cut into `chunks` pieces
    /// and usage after the finish reason, as an OpenAI upstream sends it.
    private func events(for parts: [ContentPart], reason: StopReason, usage: Usage,
                        using generator: inout SeededGenerator) -> [StreamEvent] {
        var events: [StreamEvent] = [.start(id: "chatcmpl-rt", model: "m-1")]
        for (block, part) in parts.enumerated() {
            switch part {
            case .text(let text):
                events += pieces(text, &generator).map { .text(index: block, $0) }
            case .thinking(let text, let signature):
                events += pieces(text, &generator).map { .thinking(index: block, $0) }
                if let signature { events.append(.thinkingSignature(index: block, signature)) }
            case .toolCall(let id, let name, let arguments, _):
                events.append(.toolCallStart(index: block, id: id, name: name))
                events += pieces(arguments, &generator).map { .toolCallArguments(index: block, $0) }
            case .image, .toolResult:
                continue
            }
            events.append(.blockStop(index: block))
        }
        return events + [.finish(reason), .usage(usage)]
    }

    private func pieces(_ text: String, _ generator: inout SeededGenerator) -> [String] {
        var rest = Substring(text)
        var result: [String] = []
        while !rest.isEmpty {
            let length = Int.random(in: 1...max(1, rest.count), using: &generator)
            result.append(String(rest.prefix(length)))
            rest = rest.dropFirst(length)
        }
        return result
    }

    private func randomParts(_ generator: inout SeededGenerator) -> [ContentPart] {
        let words = ["Hello", " wörld", " \"quoted\"", "\n", " 👋", " {\"a\":1}"]
        func text() -> String {
            (0..<Int.random(in: 1...4, using: &generator)).map { _ in words.randomElement(using: &generator)! }.joined()
        }
        return (0..<Int.random(in: 0...5, using: &generator)).map { i in
            switch Int.random(in: 0..<4, using: &generator) {
            case 0, 1: .text(text())
            case 2: .thinking(text: text(), signature: Bool.random(using: &generator) ? "sig-\(i)" : nil)
            default: .toolCall(id: "call_\(i)", name: "tool_\(i)", arguments: #"{"n":\#(i),"s":"x y"}"#)
            }
        }
    }

    func testTerminalResponseEqualsTheWholeAnswer() throws {
        var generator = SeededGenerator(seed: 0x5EED_2025)
        for round in 0..<300 {
            let parts = randomParts(&generator)
            let reason = reasons.randomElement(using: &generator)!
            let usage = Usage(promptTokens: round, completionTokens: 7, cachedTokens: round / 2)
            let request = round.isMultiple(of: 2) ? ResponsesFixtures.request : ChatRequest(model: "m")
            var encoder = ResponsesStreamEncoder(request: request, created: ResponsesFixtures.created)
            let stream = encoder.encode(events(for: parts, reason: reason, usage: usage, using: &generator))
                + encoder.finish()
            let terminal = try XCTUnwrap(ResponsesFixtures.events(stream).last)
            XCTAssertEqual(terminal.name, reason == .maxTokens || reason == .contentFilter
                ? "response.incomplete" : "response.completed")
            let whole = ResponsesResponseEncoder.encode(
                ChatResponse(id: "chatcmpl-rt", model: "m-1", parts: parts, stopReason: reason, usage: usage),
                request: request, created: ResponsesFixtures.created)
            XCTAssertEqual(terminal.data["response"]?.jsonText, String(decoding: whole, as: UTF8.self),
                           "round \(round): \(parts) \(reason)")
            if round < 40 {
                ResponsesFixtures.dump("stream-random-\(round).sse", stream)
                ResponsesFixtures.dump("response-random-\(round).json", whole)
            }
        }
    }

    /// A client sends the answer's output items back as the next turn's input (how stateless
    /// Responses clients keep a conversation); they decode to the answer's parts, signatures
    /// included.
    func testOutputItemsDecodeBackToTheAnswersParts() throws {
        let parts: [ContentPart] = [
            .thinking(text: "Plan.", signature: "sig-1"),
            .text("Checking."),
            .toolCall(id: "call_a", name: "f", arguments: #"{"x":1}"#),
        ]
        let whole = ResponsesResponseEncoder.encode(
            ChatResponse(id: "c", model: "m", parts: parts, stopReason: .toolUse, usage: Usage()),
            request: ChatRequest(model: "m"), created: 1)
        let output = try XCTUnwrap(JSONValue.parse(whole)["output"]?.jsonText)
        let next = try ResponsesRequestDecoder.decode(Array(#"""
            {"model":"m","input":[{"role":"user","content":"Go"}] + OUTPUT + [{"type":"function_call_output","call_id":"call_a","output":"2"}]}
            """#.replacingOccurrences(of: "] + OUTPUT + [", with: "," + output.dropFirst().dropLast() + ",").utf8))
        XCTAssertEqual(next.messages, [
            ChatMessage(role: .user, parts: [.text("Go")]),
            ChatMessage(role: .assistant, parts: parts),
            ChatMessage(role: .user, parts: [.toolResult(id: "call_a", name: "f", content: "2", isError: false)]),
        ])
    }

    /// Gemini sends a thought signature as a block of its own before a call: a reasoning item
    /// with no summary events, its signature in `encrypted_content`.
    func testSignatureOnlyReasoningBeforeACall() throws {
        var encoder = ResponsesStreamEncoder(request: ChatRequest(model: "m"), created: 1)
        let bytes = encoder.encode([
            .start(id: "g", model: "gemini"), .thinkingSignature(index: 0, "sig"), .blockStop(index: 0),
            .toolCallStart(index: 1, id: "call_1", name: "f"), .toolCallArguments(index: 1, "{}"), .blockStop(index: 1),
            .finish(.toolUse),
        ]) + encoder.finish()
        ResponsesFixtures.dump("stream-signature.sse", bytes)
        let events = try ResponsesFixtures.events(bytes)
        XCTAssertEqual(events.map(\.name), [
            "response.created", "response.in_progress", "response.output_item.added", "response.output_item.done",
            "response.output_item.added", "response.function_call_arguments.delta",
            "response.function_call_arguments.done", "response.output_item.done", "response.completed",
        ])
        XCTAssertEqual(events[3].data["item"]?.jsonText,
                       #"{"id":"rs_g_0","type":"reasoning","summary":[],"encrypted_content":"sig"}"#)
    }
}
