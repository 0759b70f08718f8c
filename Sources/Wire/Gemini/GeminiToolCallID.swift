/// Canonical ids for Gemini function calls, which carry none on the Developer API.
///
/// Shape: `call_<tag>_<n>_<name>`. `tag` (8 hex digits) hashes the response's `responseId` (or,
/// without one, the first call), so ids stay unique across turns (Anthropic rejects a
/// conversation that repeats a `tool_use` id) and are equal for one response whether it was
/// streamed or not. `n` counts calls within the response. The function name rides at the end so
/// a tool result that arrives with the id alone (an OpenAI `tool` message) maps back to its
/// `functionResponse.name` even after the call has been trimmed from the conversation; it is
/// left out (`call_<tag>_<n>`) when the id would pass OpenAI's 40-character limit or the name
/// holds characters Anthropic's id pattern (`[A-Za-z0-9_-]`) refuses, and the encoder then finds
/// the name on the call in the conversation, where OpenAI and Anthropic require it to be.
public enum GeminiToolCallID {
    static let prefix = "call_"
    /// OpenAI refuses longer tool call ids in a conversation.
    public static let maxLength = 40

    /// The id of call `index` of a response whose tag is `tag`.
    public static func make(tag: String, index: Int, name: String) -> String {
        let id = prefix + tag + "_" + String(index)
        let named = id + "_" + name
        let portable = name.utf8.allSatisfy { b in
            b &- UInt8(ascii: "a") < 26 || b &- UInt8(ascii: "A") < 26 || b &- UInt8(ascii: "0") < 10
                || b == UInt8(ascii: "_") || b == UInt8(ascii: "-")
        }
        return portable && named.utf8.count <= maxLength ? named : id
    }

    /// The function name inside an id this type made, or nil for any other id.
    public static func functionName(in id: String) -> String? {
        guard id.hasPrefix(prefix) else { return nil }
        let rest = id.utf8.dropFirst(prefix.utf8.count)
        guard let tagEnd = rest.firstIndex(of: UInt8(ascii: "_")) else { return nil }
        let tag = rest[..<tagEnd]
        guard tag.count == 8, tag.allSatisfy(isHexDigit) else { return nil }
        let afterTag = rest[rest.index(after: tagEnd)...]
        guard let countEnd = afterTag.firstIndex(of: UInt8(ascii: "_")) else { return nil }
        let digits = afterTag[..<countEnd]
        guard !digits.isEmpty, digits.allSatisfy({ $0 &- UInt8(ascii: "0") < 10 }) else { return nil }
        let name = afterTag[afterTag.index(after: countEnd)...]
        return name.isEmpty ? nil : String(decoding: name, as: UTF8.self)
    }

    /// The tag for a response: from its `responseId` when it has one, otherwise from its first
    /// call's name and argument bytes.
    public static func tag(responseID: String?, firstCallName: String, firstCallArguments: some Sequence<UInt8>) -> String {
        var hash: UInt32 = 0x811C_9DC5
        func mix(_ byte: UInt8) { hash = (hash ^ UInt32(byte)) &* 0x0100_0193 }
        if let responseID, !responseID.isEmpty {
            for b in responseID.utf8 { mix(b) }
        } else {
            for b in firstCallName.utf8 { mix(b) }
            mix(0)
            for b in firstCallArguments { mix(b) }
        }
        let hex = Array("0123456789abcdef".utf8)
        var out = [UInt8](repeating: 0, count: 8)
        for i in 0..<8 { out[i] = hex[Int((hash >> UInt32(28 - 4 * i)) & 0xF)] }
        return String(decoding: out, as: UTF8.self)
    }

    private static func isHexDigit(_ b: UInt8) -> Bool {
        b &- UInt8(ascii: "0") < 10 || b &- UInt8(ascii: "a") < 6
    }
}
