import Foundation
import Wire

/// Shared inputs and readers for the Responses API tests.
enum ResponsesFixtures {
    static let created = 1_700_000_000

    /// A request that echoes something in every echoed member.
    static let request = ChatRequest(
        model: "gpt-4.1", system: ["Be brief."],
        messages: [ChatMessage(role: .user, parts: [.text("Weather in Paris?")])],
        tools: [ToolDefinition(name: "get_weather", description: "Current weather",
                               parameters: #"{"type":"object","properties":{"city":{"type":"string"}}}"#)],
        toolChoice: .auto, maxTokens: 256, temperature: 0.5, topP: 0.9, stream: true)

    /// One SSE event as the tests read it.
    struct Event {
        var name: String
        var data: JSONValue
        var type: String? { data["type"]?.string }
    }

    /// Splits SSE bytes into events, checking the framing: `event:` line, one `data:` line.
    static func events(_ bytes: [UInt8]) throws -> [Event] {
        let text = String(decoding: bytes, as: UTF8.self)
        guard !text.isEmpty else { return [] }
        guard text.hasSuffix("\n\n") else { throw FixtureError("stream does not end with a blank line") }
        return try text.dropLast(2).components(separatedBy: "\n\n").map { block in
            let lines = block.components(separatedBy: "\n")
            guard lines.count == 2, lines[0].hasPrefix("event: "), lines[1].hasPrefix("data: ") else {
                throw FixtureError("bad event block: \(block)")
            }
            return Event(name: String(lines[0].dropFirst(7)), data: try JSONValue.parse(String(lines[1].dropFirst(6))))
        }
    }

    /// Writes `bytes` to `$RESPONSES_SDK_DUMP/name` when that variable is set, for the
    /// throwaway check of shapes against the official SDK.
    static func dump(_ name: String, _ bytes: [UInt8]) {
        guard let directory = ProcessInfo.processInfo.environment["RESPONSES_SDK_DUMP"] else { return }
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: directory + "/" + name, contents: Data(bytes))
    }

    struct FixtureError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
