import XCTest
import Wire

/// The upstream side read back what the client side writes: `ResponsesStreamDecoder` over
/// `ResponsesStreamEncoder`, `ResponsesResponseDecoder` over `ResponsesResponseEncoder`, and
/// `ResponsesRequestDecoder` over `ResponsesRequestEncoder`, for random canonical values. What
/// comes back is the value as the Responses format can carry it (see each `normalized`).
final class ResponsesUpstreamRoundTripTests: XCTestCase {
    private typealias Events = ResponsesCanonicalEvents
    private let reasons: [StopReason] = [.endTurn, .stopSequence, .maxTokens, .toolUse, .contentFilter, .other]
    private let words = ["Hello", " wörld", " \"quoted\"", "\n", " 👋", " {\"a\":1}", "\\", " e\u{301}"]

    // MARK: - Streams

    func testStreamDecoderReadsTheStreamEncoder() throws {
        var generator = SeededGenerator(seed: 0x5EED_0001)
        for round in 0..<300 {
            let parts = randomAnswer(&generator)
            let reason = reasons.randomElement(using: &generator)!
            let usage = Usage(promptTokens: round, completionTokens: 9, cachedTokens: round / 3, reasoningTokens: 2)
            let events = Events.streamEvents(parts, &generator) + [.finish(reason), .usage(usage)]
            var encoder = ResponsesStreamEncoder(request: ChatRequest(model: "m"), created: 1)
            let bytes = encoder.encode(events) + encoder.finish()
            let decoded = Events.decodeInPieces(bytes, &generator)
            let label = "round \(round): \(parts) \(reason)"

            XCTAssertEqual(decoded.first, .start(id: "resp_chatcmpl-rt", model: "m-1"), label)
            XCTAssertEqual(Array(decoded.suffix(2)), [.usage(usage), .finish(normalized(reason, parts))], label)
            Events.checkBlocks(decoded, label)
            XCTAssertEqual(Events.fragments(decoded), Events.fragments(events), label)
            let expected = normalized(parts)
            XCTAssertEqual(Events.accumulate(decoded), expected, label)
            // The stream and the whole answer for the same content read the same.
            let whole = ResponsesResponseEncoder.encode(
                ChatResponse(id: "chatcmpl-rt", model: "m-1", parts: parts, stopReason: reason, usage: usage),
                request: ChatRequest(model: "m"), created: 1)
            XCTAssertEqual(try ResponsesResponseDecoder.decode(whole).parts, expected, label)
        }
    }

    /// A canonical error, and a stream that ended without a finish reason, come back as an
    /// error after the content so far, with the kind `ResponsesObject.writeError`'s code keeps.
    func testFailedStreamsComeBackAsErrors() {
        var generator = SeededGenerator(seed: 0x5EED_0002)
        let kinds: [ProviderError.Kind] = [.invalidRequest, .authentication, .permission, .notFound, .rateLimited,
                                           .overloaded, .contextLengthExceeded, .contentPolicy, .server, .timeout]
        for round in 0..<100 {
            let parts = randomAnswer(&generator)
            var events = Events.streamEvents(parts, &generator)
            let cut = round.isMultiple(of: 5)
            let kind = kinds.randomElement(using: &generator)!
            let usage = Usage(promptTokens: 3, completionTokens: round)
            if !cut { events += [.usage(usage), .error(ProviderError(kind: kind, status: 418, message: "bad \(round)"))] }
            var encoder = ResponsesStreamEncoder(request: ChatRequest(model: "m"), created: 1)
            let decoded = Events.decodeInPieces(encoder.encode(events) + encoder.finish(), &generator)
            let expectedKind: ProviderError.Kind = switch kind {
            case _ where cut: .server
            case .rateLimited: .rateLimited
            case .invalidRequest, .contextLengthExceeded, .contentPolicy: .invalidRequest
            default: .server
            }
            let message = cut ? "The upstream stream ended before the response was complete." : "bad \(round)"
            let statuses: [ProviderError.Kind: Int] = [.rateLimited: 429, .invalidRequest: 400]
            let status = statuses[expectedKind] ?? 500
            XCTAssertEqual(decoded.last, .error(ProviderError(kind: expectedKind, status: status, message: message)))
            if !cut { XCTAssertEqual(decoded.dropLast().last, .usage(usage)) }
            XCTAssertEqual(Events.fragments(decoded), Events.fragments(events), "round \(round)")
            XCTAssertFalse(decoded.contains { if case .finish = $0 { true } else { false } })
        }
    }

    // MARK: - Whole answers

    func testResponseDecoderReadsTheResponseEncoder() throws {
        var generator = SeededGenerator(seed: 0x5EED_0003)
        for round in 0..<300 {
            var parts = randomAnswer(&generator)
            if Bool.random(using: &generator) {
                // Gemini's thought signature on a call, and parts no answer holds.
                parts.append(.toolCall(id: "call_g", name: "g", arguments: "{}", signature: "gem-sig"))
                parts.insert(.image(.url("https://x/y.png")), at: 0)
            }
            let reason = reasons.randomElement(using: &generator)!
            let usage = Usage(promptTokens: round, completionTokens: 5, cachedTokens: round / 2, reasoningTokens: 1,
                              cacheCreationTokens: round / 4)
            let body = ResponsesResponseEncoder.encode(
                ChatResponse(id: "chatcmpl-\(round)", model: "m-1", parts: parts, stopReason: reason, usage: usage),
                request: ChatRequest(model: "m"), created: 1)
            XCTAssertEqual(try ResponsesResponseDecoder.decode(body), ChatResponse(
                id: "resp_chatcmpl-\(round)", model: "m-1", parts: normalized(parts),
                stopReason: normalized(reason, parts), usage: usage), "round \(round): \(parts)")
        }
    }

    // MARK: - Requests

    func testRequestDecoderReadsTheRequestEncoder() throws {
        var generator = SeededGenerator(seed: 0x5EED_0004)
        for round in 0..<300 {
            let request = randomRequest(&generator)
            let body = try ResponsesRequestEncoder.encode(request)
            XCTAssertEqual(try ResponsesRequestDecoder.decode(body), normalized(request),
                           "round \(round): \(String(decoding: body, as: UTF8.self))")
        }
    }

    // MARK: - Generators

    private func text(_ generator: inout SeededGenerator) -> String {
        (0..<Int.random(in: 1...4, using: &generator)).map { _ in words.randomElement(using: &generator)! }.joined()
    }

    /// Parts of a model's answer: text, thinking (signed or not), tool calls.
    private func randomAnswer(_ generator: inout SeededGenerator) -> [ContentPart] {
        (0..<Int.random(in: 0...5, using: &generator)).map { i in
            switch Int.random(in: 0..<5, using: &generator) {
            case 0, 1: .text(text(&generator))
            case 2: .thinking(text: text(&generator), signature: Bool.random(using: &generator) ? "gAAAAAsig-\(i)" : nil)
            case 3: .thinking(text: "", signature: "sig-only-\(i)")
            default: .toolCall(id: "call_\(i)", name: "tool_\(i)", arguments: #"{"n":\#(i),"s":"x y"}"#)
            }
        }
    }

    /// A request in the form the Responses format keeps turn for turn: roles alternate, a turn
    /// after tool calls holds their results, every assistant turn keeps something.
    private func randomRequest(_ generator: inout SeededGenerator) -> ChatRequest {
        func maybe<T>(_ value: @autoclosure () -> T) -> T? { Bool.random(using: &generator) ? value() : nil }
        var request = ChatRequest(model: "o3-pro")
        request.system = (0..<Int.random(in: 0...2, using: &generator)).map { _ in text(&generator) }
        request.tools = (0..<Int.random(in: 0...2, using: &generator)).map { i in
            ToolDefinition(name: "tool_\(i)", description: maybe("Does \(i)."),
                           parameters: #"{"type":"object","properties":{"n":{"type":"integer"}},"required":["n"]}"#)
        }
        if !request.tools.isEmpty {
            request.toolChoice = [nil, .auto, ToolChoice.none, .required, .tool("tool_0")].randomElement(using: &generator)!
        }
        request.responseFormat = [nil, .text, .jsonObject,
                                  .jsonSchema(name: "s", schema: #"{"type":"object","additionalProperties":false}"#,
                                              strict: Bool.random(using: &generator))].randomElement(using: &generator)!
        request.maxTokens = maybe(Int.random(in: 16...4096, using: &generator))
        request.temperature = maybe([0.0, 0.25, 1.5].randomElement(using: &generator)!)
        request.topP = maybe(0.5)
        request.stream = Bool.random(using: &generator)
        request.includeUsage = Bool.random(using: &generator)
        request.user = maybe("user-\(Int.random(in: 0...99, using: &generator))")
        request.thinkingBudget = [nil, 0, 1024, 5000, 20000].randomElement(using: &generator)!
        request.unsupported = maybe(["logprobs"]) ?? []
        var calls: [(id: String, name: String)] = []
        for turn in 0..<Int.random(in: 1...7, using: &generator) {
            if turn.isMultiple(of: 2) {
                if calls.isEmpty {
                    var parts: [ContentPart] = [.text(text(&generator))]
                    if Bool.random(using: &generator) { parts.append(.image(.url("https://x/\(turn).png"))) }
                    if Bool.random(using: &generator) { parts.append(.image(.base64(mediaType: "image/jpeg", data: "/9j/\(turn)"))) }
                    request.messages.append(ChatMessage(role: .user, parts: parts.shuffled(using: &generator)))
                } else {
                    request.messages.append(ChatMessage(role: .user, parts: calls.map { call in
                        .toolResult(id: call.id, name: maybe(call.name), content: text(&generator),
                                    isError: Bool.random(using: &generator))
                    }))
                    calls = []
                }
                continue
            }
            var parts: [ContentPart] = []
            if Bool.random(using: &generator) { parts.append(.thinking(text: maybe(text(&generator)) ?? "", signature: "gAAAAAenc\(turn)")) }
            if Bool.random(using: &generator) { parts.append(.thinking(text: text(&generator), signature: maybe("ErUBanthropic"))) }
            if Bool.random(using: &generator) { parts.append(.image(.url("https://x/chart.png"))) }
            parts.append(.text(text(&generator)))
            if Bool.random(using: &generator) { parts.append(.text("")) }
            for i in 0..<Int.random(in: 0...2, using: &generator) {
                let call = (id: "call_\(turn)_\(i)", name: "tool_\(i)")
                calls.append(call)
                parts.append(.toolCall(id: call.id, name: call.name, arguments: #"{"n":\#(i)}"#,
                                       signature: maybe("gemini-sig")))
            }
            if Bool.random(using: &generator) { parts.append(.text(text(&generator))) }
            request.messages.append(ChatMessage(role: .assistant, parts: parts))
        }
        return request
    }

    // MARK: - What the Responses format keeps

    /// Answer parts as they come back: empty text gone and adjacent text joined (one message
    /// item), unsigned empty thinking gone, a call's thought signature a reasoning item of its
    /// own before it, images and tool results gone.
    private func normalized(_ parts: [ContentPart]) -> [ContentPart] {
        var result: [ContentPart] = []
        for part in parts {
            switch part {
            case .text(let text):
                guard !text.isEmpty else { continue }
                if case .text(let previous)? = result.last {
                    result[result.count - 1] = .text(previous + text)
                } else {
                    result.append(part)
                }
            case .thinking(let text, let signature):
                if !text.isEmpty || signature != nil { result.append(part) }
            case .toolCall(let id, let name, let arguments, let signature):
                if let signature { result.append(.thinking(text: "", signature: signature)) }
                result.append(.toolCall(id: id, name: name, arguments: arguments))
            case .image, .toolResult:
                continue
            }
        }
        return result
    }

    /// Responses has no stop-sequence or tool-use status: a completed answer with calls is tool use.
    private func normalized(_ reason: StopReason, _ parts: [ContentPart]) -> StopReason {
        switch reason {
        case .maxTokens, .contentFilter: return reason
        default: return parts.contains { if case .toolCall = $0 { true } else { false } } ? .toolUse : .endTurn
        }
    }

    private func normalized(_ request: ChatRequest) -> ChatRequest {
        var expected = request
        expected.system = request.system.isEmpty ? [] : [request.system.joined(separator: "\n\n")]
        expected.includeUsage = request.stream
        expected.thinkingBudget = request.thinkingBudget.flatMap { OpenAIReasoningEffort(thinkingBudget: $0)?.thinkingBudget }
        expected.unsupported = []
        if request.tools.isEmpty { expected.toolChoice = nil }
        var names: [String: String] = [:]
        expected.messages = request.messages.map { message in
            ChatMessage(role: message.role, parts: message.parts.compactMap { part in
                switch part {
                case .toolCall(let id, let name, let arguments, _):
                    names[id] = name
                    return .toolCall(id: id, name: name, arguments: arguments)
                case .toolResult(let id, _, let content, _):
                    return .toolResult(id: id, name: names[id], content: content, isError: false)
                case .thinking(_, let signature):
                    return signature?.hasPrefix("gAAAAA") == true ? part : nil
                case .image where message.role == .assistant, .text(""):
                    return nil
                case .text, .image:
                    return part
                }
            })
        }
        return expected
    }
}
