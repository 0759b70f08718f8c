/// Appends Responses API stream events (`event: TYPE` and one `data:` line of compact JSON),
/// numbering them: every event carries `sequence_number`, from 0, increasing by one.
///
/// Compact JSON from `JSONWriter` never holds a raw line break, so each event's data is one line.
struct ResponsesEventWriter: Sendable {
    /// The number the next event gets.
    private(set) var sequence = 0

    /// Appends an event whose data is `{"type":TYPE,"sequence_number":N,` then what `body`
    /// writes, then `}`.
    mutating func event(_ type: String, to out: inout [UInt8], _ body: (inout JSONWriter) -> Void) {
        var writer = JSONWriter(capacity: 160)
        writer.beginObject()
        writer.member("type", type)
        writer.member("sequence_number", sequence)
        body(&writer)
        writer.endObject()
        sequence += 1
        out.append(contentsOf: "event: ".utf8)
        out.append(contentsOf: type.utf8)
        out.append(contentsOf: "\ndata: ".utf8)
        out.append(contentsOf: writer.bytes)
        out.append(contentsOf: "\n\n".utf8)
    }

    /// A lifecycle event (`response.created`, `response.completed`, …) carrying the response.
    mutating func lifecycle(_ type: String, _ response: ResponsesObject, request: ChatRequest,
                            to out: inout [UInt8]) {
        event(type, to: &out) { writer in
            writer.key("response")
            response.write(request: request, to: &writer)
        }
    }

    /// An event about output item `index` (`item_id`, `output_index` and, for content-part
    /// events, `content_index` 0: messages here have one part), then what `body` writes.
    mutating func itemEvent(_ type: String, itemID: String, index: Int, contentIndex: Bool = false,
                            to out: inout [UInt8], _ body: (inout JSONWriter) -> Void) {
        event(type, to: &out) { writer in
            writer.member("item_id", itemID)
            writer.member("output_index", index)
            if contentIndex { writer.member("content_index", 0) }
            body(&writer)
        }
    }
}
