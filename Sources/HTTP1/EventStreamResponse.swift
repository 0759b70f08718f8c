/// Helpers for `text/event-stream` (server-sent events) responses.
///
/// Framing follows the request: chunked on HTTP/1.1 (the connection can stay open after the
/// stream), close-delimited on HTTP/1.0 (the stream ends when the connection closes).
public enum EventStreamResponse {
    /// Encodes the head of an event stream and returns the body encoder to frame events with.
    /// Adds `Content-Type: text/event-stream` and `Cache-Control: no-cache` unless `headers`
    /// already set them.
    public static func head(
        status: HTTPStatus = .ok, headers: Headers = Headers(), for request: RequestHead
    ) -> (bytes: [UInt8], body: ResponseBodyEncoder) {
        var fields = headers
        if !fields.contains(name: "content-type") { fields.append(name: "Content-Type", value: "text/event-stream") }
        if !fields.contains(name: "cache-control") { fields.append(name: "Cache-Control", value: "no-cache") }
        var bytes: [UInt8] = []
        let framing = ResponseHead(status: status, headers: fields).encode(
            framing: .streaming(for: request.version), keepAlive: request.keepAlive,
            requestVersion: request.version, into: &bytes)
        return (bytes, ResponseBodyEncoder(framing: framing))
    }

    /// Appends one unframed event: optional `event:` and `id:` lines, one `data:` line per
    /// line of `data` (CRLF, CR and LF all split), and the blank line that dispatches it.
    /// Line breaks in `event` and `id` become spaces (they would otherwise start new fields).
    public static func appendEvent(data: String, event: String? = nil, id: String? = nil, to buffer: inout [UInt8]) {
        if let event { appendField("event", event, to: &buffer) }
        if let id { appendField("id", id, to: &buffer) }
        var pendingCR = false
        buffer.append(contentsOf: "data: ".utf8)
        for byte in data.utf8 {
            if pendingCR {
                pendingCR = false
                if byte == ByteClass.lf { continue }
            }
            if byte == ByteClass.cr || byte == ByteClass.lf {
                buffer.append(contentsOf: "\ndata: ".utf8)
                pendingCR = byte == ByteClass.cr
            } else {
                buffer.append(byte)
            }
        }
        buffer.append(contentsOf: "\n\n".utf8)
    }

    /// One unframed event as a new array; see `appendEvent`.
    public static func event(data: String, event: String? = nil, id: String? = nil) -> [UInt8] {
        var buffer: [UInt8] = []
        appendEvent(data: data, event: event, id: id, to: &buffer)
        return buffer
    }

    /// A comment line (`: text`), which clients ignore; useful as a keep-alive ping.
    public static func comment(_ text: String = "") -> [UInt8] {
        var buffer: [UInt8] = []
        appendField("", text, to: &buffer)
        buffer.append(ByteClass.lf)
        return buffer
    }

    private static func appendField(_ name: String, _ value: String, to buffer: inout [UInt8]) {
        buffer.append(contentsOf: name.utf8)
        buffer.append(ByteClass.colon)
        buffer.append(ByteClass.space)
        for byte in value.utf8 {
            buffer.append(byte == ByteClass.cr || byte == ByteClass.lf || byte == 0 ? ByteClass.space : byte)
        }
        buffer.append(ByteClass.lf)
    }
}
