// `StopReason` from a Responses API `status` and `incomplete_details.reason`.

extension StopReason {
    /// A `completed` response ends its turn, or asks for tool use when it holds function calls
    /// (the Responses API has no separate reason for that); an `incomplete` one stopped at
    /// `max_output_tokens` or on `content_filter`, and any other reason OpenAI adds (such as
    /// `max_messages`) reads as `other`. A missing status reads as completed.
    init(responsesStatus status: String?, incompleteReason: String?, sawFunctionCall: Bool) {
        switch status {
        case "incomplete":
            switch incompleteReason {
            case "max_output_tokens": self = .maxTokens
            case "content_filter": self = .contentFilter
            default: self = .other
            }
        default:
            self = sawFunctionCall ? .toolUse : .endTurn
        }
    }

    /// The stop reason a terminal `response` object gives.
    init(responsesObject response: JSONValue, sawFunctionCall: Bool) {
        self.init(responsesStatus: response["status"]?.string,
                  incompleteReason: response["incomplete_details"]?["reason"]?.string,
                  sawFunctionCall: sawFunctionCall)
    }
}
