import XCTest
@testable import Wire

/// Encodes `request` and parses the body back, failing the test on an encoder error.
func geminiBody(_ request: ChatRequest, options: GeminiRequestEncoder.Options = .init(),
                file: StaticString = #filePath, line: UInt = #line) throws -> JSONValue {
    let bytes = try GeminiRequestEncoder(options: options).encode(request)
    return try JSONValue.parse(bytes)
}

/// The error the encoder throws for `request`, or nil when it encodes.
func geminiEncodeError(_ request: ChatRequest, options: GeminiRequestEncoder.Options = .init()) -> GeminiCodecError? {
    do {
        _ = try GeminiRequestEncoder(options: options).encode(request)
        return nil
    } catch {
        return error
    }
}

/// Decodes a whole response body given as JSON text.
func geminiResponse(_ json: String, model: String = "gemini-2.5-flash") throws -> ChatResponse {
    try GeminiResponseDecoder().decode(Array(json.utf8), requestedModel: model)
}

/// Frames response objects as Gemini's SSE stream does (CRLF line ends).
func geminiSSE(_ objects: [String]) -> [UInt8] {
    Array(objects.map { "data: " + $0 + "\r\n\r\n" }.joined().utf8)
}

/// Feeds `bytes` in pieces of `split` bytes (all at once when nil), then finishes.
func geminiStreamEvents(_ bytes: [UInt8], split: Int? = nil, model: String = "gemini-2.5-flash") -> [StreamEvent] {
    var decoder = GeminiStreamDecoder(requestedModel: model)
    var events: [StreamEvent] = []
    let step = max(1, split ?? bytes.count)
    var start = 0
    while start < bytes.count {
        let end = min(bytes.count, start + step)
        events += decoder.feed(Array(bytes[start ..< end]))
        start = end
    }
    return events + decoder.finish()
}

/// Rebuilds the canonical parts a consumer assembles from stream events.
func geminiAssemble(_ events: [StreamEvent]) -> [ContentPart] {
    var parts: [Int: ContentPart] = [:]
    var order: [Int] = []
    for event in events {
        switch event {
        case .text(let index, let text):
            if case .text(let previous)? = parts[index] { parts[index] = .text(previous + text) } else {
                order.append(index)
                parts[index] = .text(text)
            }
        case .thinking(let index, let text):
            if case .thinking(let previous, let signature)? = parts[index] {
                parts[index] = .thinking(text: previous + text, signature: signature)
            } else {
                order.append(index)
                parts[index] = .thinking(text: text, signature: nil)
            }
        case .thinkingSignature(let index, let signature):
            if case .thinking(let text, _)? = parts[index] {
                parts[index] = .thinking(text: text, signature: signature)
            } else {
                order.append(index)
                parts[index] = .thinking(text: "", signature: signature)
            }
        case .toolCallStart(let index, let id, let name):
            order.append(index)
            parts[index] = .toolCall(id: id, name: name, arguments: "")
        case .toolCallArguments(let index, let fragment):
            if case .toolCall(let id, let name, let arguments, let signature)? = parts[index] {
                parts[index] = .toolCall(id: id, name: name, arguments: arguments + fragment, signature: signature)
            }
        default:
            continue
        }
    }
    return order.compactMap { parts[$0] }
}

/// A `GenerateContentResponse` with one candidate holding `parts` (JSON texts).
func geminiResponseJSON(parts: [String], finishReason: String? = "STOP", usage: String? = nil,
                        responseID: String = "resp-1", model: String = "gemini-2.5-flash") -> String {
    var candidate = #"{"content":{"parts":[\#(parts.joined(separator: ","))],"role":"model"}"#
    if let finishReason { candidate += #","finishReason":"\#(finishReason)""# }
    candidate += #","index":0}"#
    var json = #"{"candidates":[\#(candidate)]"#
    if let usage { json += #","usageMetadata":\#(usage)"# }
    json += #","modelVersion":"\#(model)","responseId":"\#(responseID)"}"#
    return json
}
