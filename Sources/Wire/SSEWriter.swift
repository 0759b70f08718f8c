/// Encodes Server-Sent Events blocks (`event:` / `id:` / `data:` lines and the blank line).
public enum SSEWriter {
    /// OpenAI's end-of-stream block.
    public static let done: [UInt8] = Array("data: [DONE]\n\n".utf8)

    /// Appends one event. Each line of `data` (split at LF, CR or CRLF) becomes a `data:` line,
    /// so a reader rejoins them with "\n". Line breaks in `name` and `id` are dropped, since they
    /// would end the field early.
    public static func appendEvent(
        data: some Collection<UInt8>, name: String? = nil, id: String? = nil, to out: inout [UInt8]
    ) {
        if let name { appendField("event: ", name, to: &out) }
        if let id { appendField("id: ", id, to: &out) }
        out.append(contentsOf: "data: ".utf8)
        var previous: UInt8 = 0
        for b in data {
            if b == 0x0A && previous == 0x0D {
                previous = b
                continue // The LF of a CRLF already ended the line.
            }
            if b == 0x0A || b == 0x0D {
                out.append(contentsOf: "\ndata: ".utf8)
            } else {
                out.append(b)
            }
            previous = b
        }
        out.append(contentsOf: "\n\n".utf8)
    }

    /// One encoded event.
    public static func event(data: some Collection<UInt8>, name: String? = nil, id: String? = nil) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(data.count + 16 + (name?.utf8.count ?? 0) + (id?.utf8.count ?? 0))
        appendEvent(data: data, name: name, id: id, to: &out)
        return out
    }

    /// One encoded event whose data is `text`'s UTF-8.
    public static func event(_ text: String, name: String? = nil, id: String? = nil) -> [UInt8] {
        event(data: Array(text.utf8), name: name, id: id)
    }

    /// Appends OpenAI's `data: [DONE]` terminator.
    public static func appendDone(to out: inout [UInt8]) {
        out.append(contentsOf: done)
    }

    /// Appends a comment block (`: text`), which readers ignore; used as a keep-alive.
    public static func appendComment(_ text: String, to out: inout [UInt8]) {
        appendField(": ", text, to: &out)
        out.append(0x0A)
    }

    private static func appendField(_ prefix: StaticString, _ value: String, to out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount))
        for b in value.utf8 where b != 0x0A && b != 0x0D { out.append(b) }
        out.append(0x0A)
    }
}
