/// Appends single Anthropic stream events (`event: NAME` and one `data:` line of compact JSON);
/// shared by the gateway's stream encoder and the simulator.
///
/// Compact JSON from `JSONWriter` never holds a raw line break, so each event's data is one line.
public enum AnthropicEventWriter {
    /// Appends `event: name` / `data: json` and the blank line.
    public static func event(_ name: StaticString, _ json: some Collection<UInt8>, to out: inout [UInt8]) {
        appendStatic("event: ", to: &out)
        appendStatic(name, to: &out)
        appendStatic("\ndata: ", to: &out)
        out.append(contentsOf: json)
        appendStatic("\n\n", to: &out)
    }

    /// `event` with the JSON given as a string.
    public static func event(_ name: StaticString, _ json: String, to out: inout [UInt8]) {
        event(name, json.utf8, to: &out)
    }

    /// `message_start` with the message skeleton: no content, null stop reason, usage so far.
    public static func messageStart(id: String, model: String, usage: Usage, to out: inout [UInt8]) {
        var writer = JSONWriter(capacity: 320)
        writer.beginObject()
        writer.member("type", "message_start")
        writer.key("message")
        writer.beginObject()
        writer.member("id", id)
        writer.member("type", "message")
        writer.member("role", "assistant")
        writer.member("model", model)
        writer.key("content")
        writer.beginArray()
        writer.endArray()
        writer.member("stop_reason", nil)
        writer.member("stop_sequence", nil)
        writer.key("usage")
        usage.writeAnthropic(to: &writer)
        writer.endObject()
        writer.endObject()
        event("message_start", writer.bytes, to: &out)
    }

    /// `content_block_start` for block `index`; `block` is the block's opening JSON object.
    public static func blockStart(index: Int, _ block: some Collection<UInt8>, to out: inout [UInt8]) {
        appendStatic("event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":", to: &out)
        JSONWriter.appendInt(index, to: &out)
        appendStatic(",\"content_block\":", to: &out)
        out.append(contentsOf: block)
        appendStatic("}\n\n", to: &out)
    }

    /// `blockStart` with the block JSON given as a string.
    public static func blockStart(index: Int, _ block: String, to out: inout [UInt8]) {
        blockStart(index: index, block.utf8, to: &out)
    }

    /// `content_block_delta` of `type` (`text_delta`, `input_json_delta`, …) whose one member
    /// `key` holds `text`.
    public static func delta(index: Int, type: StaticString, key: StaticString, _ text: String,
                             to out: inout [UInt8]) {
        appendStatic("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":", to: &out)
        JSONWriter.appendInt(index, to: &out)
        appendStatic(",\"delta\":{\"type\":\"", to: &out)
        appendStatic(type, to: &out)
        appendStatic("\",\"", to: &out)
        appendStatic(key, to: &out)
        appendStatic("\":", to: &out)
        JSONWriter.appendQuoted(text, to: &out)
        appendStatic("}}\n\n", to: &out)
    }

    /// `content_block_stop` for block `index`.
    public static func blockStop(index: Int, to out: inout [UInt8]) {
        appendStatic("event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":", to: &out)
        JSONWriter.appendInt(index, to: &out)
        appendStatic("}\n\n", to: &out)
    }

    /// `message_delta` with the stop reason and the final cumulative usage.
    public static func messageDelta(stopReason: StopReason, stopSequence: String? = nil, usage: Usage,
                                    to out: inout [UInt8]) {
        var writer = JSONWriter(capacity: 192)
        writer.beginObject()
        writer.member("type", "message_delta")
        writer.key("delta")
        writer.beginObject()
        writer.member("stop_reason", AnthropicStopReason.encode(stopReason))
        writer.member("stop_sequence", stopSequence)
        writer.endObject()
        writer.key("usage")
        usage.writeAnthropic(to: &writer)
        writer.endObject()
        event("message_delta", writer.bytes, to: &out)
    }

    /// `message_stop`.
    public static func messageStop(to out: inout [UInt8]) {
        event("message_stop", "{\"type\":\"message_stop\"}", to: &out)
    }

    /// `ping`, with the spacing Anthropic's own pings have.
    public static func ping(to out: inout [UInt8]) {
        event("ping", "{\"type\": \"ping\"}", to: &out)
    }

    /// `event: error` with Anthropic's error object.
    public static func error(_ error: ProviderError, to out: inout [UInt8]) {
        event("error", AnthropicErrorMapping.encode(error), to: &out)
    }

    @inline(__always)
    private static func appendStatic(_ text: StaticString, to out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }
}
