/// A Responses API `response` object at some point of its life (`in_progress` in the first
/// stream events, terminal in the last one and in a whole answer), written by one function so
/// that both encoders agree byte for byte.
///
/// Every member the SDK's `Response` type requires is written, in OpenAI's order; the request's
/// parameters are echoed as OpenAI echoes them (see `ResponsesObject+Members.swift`).
struct ResponsesObject: Sendable {
    enum Status: String, Sendable {
        case inProgress = "in_progress"
        case completed
        case incomplete
        case failed
    }

    /// In `resp_` form.
    var id: String
    var model: String
    /// Unix seconds.
    var createdAt: Int
    var status: Status
    /// `incomplete_details.reason` of an incomplete response.
    var incompleteReason: String?
    /// `error` of a failed response.
    var error: ProviderError?
    var output: [ResponsesOutputItem] = []
    /// Null while in progress.
    var usage: Usage?

    init(id: String, model: String, createdAt: Int, status: Status) {
        self.id = id
        self.model = model
        self.createdAt = createdAt
        self.status = status
    }

    /// Sets the terminal status for `reason`: end of turn, stop sequence and tool use (and any
    /// other reason a provider adds) complete the response; max tokens and a content filter
    /// leave it incomplete, with the reason OpenAI gives.
    mutating func finish(_ reason: StopReason) {
        switch reason {
        case .maxTokens:
            status = .incomplete
            incompleteReason = "max_output_tokens"
        case .contentFilter:
            status = .incomplete
            incompleteReason = "content_filter"
        case .endTurn, .stopSequence, .toolUse, .other:
            status = .completed
        }
    }

    /// Writes the object at the writer's position.
    func write(request: ChatRequest, to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("id", id)
        writer.member("object", "response")
        writer.member("created_at", createdAt)
        writer.member("status", status.rawValue)
        writer.member("background", false)
        writer.key("error")
        if let error {
            Self.writeError(error, to: &writer)
        } else {
            writer.null()
        }
        writer.key("incomplete_details")
        if let incompleteReason {
            writer.beginObject()
            writer.member("reason", incompleteReason)
            writer.endObject()
        } else {
            writer.null()
        }
        writer.member("instructions", request.system.isEmpty ? nil : request.system.joined(separator: "\n\n"))
        writer.key("max_output_tokens")
        if let maxTokens = request.maxTokens { writer.int(maxTokens) } else { writer.null() }
        writer.member("model", model)
        writer.key("output")
        writer.beginArray()
        for item in output { item.write(to: &writer) }
        writer.endArray()
        writer.member("parallel_tool_calls", true)
        writer.member("previous_response_id", nil)
        Self.writeReasoning(request, to: &writer)
        writer.key("temperature")
        if let temperature = request.temperature { writer.double(temperature) } else { writer.null() }
        Self.writeText(request.responseFormat, to: &writer)
        Self.writeToolChoice(request.toolChoice, to: &writer)
        Self.writeTools(request.tools, to: &writer)
        writer.key("top_p")
        if let topP = request.topP { writer.double(topP) } else { writer.null() }
        writer.member("truncation", "disabled")
        writer.key("usage")
        if let usage { Self.writeUsage(usage, to: &writer) } else { writer.null() }
        writer.member("user", request.user)
        writer.key("metadata")
        writer.raw("{}")
        writer.endObject()
    }

    /// The object as JSON bytes.
    func encoded(request: ChatRequest) -> [UInt8] {
        var writer = JSONWriter(capacity: 768 + output.count * 128)
        write(request: request, to: &writer)
        return writer.bytes
    }
}
