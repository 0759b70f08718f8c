// Refusals of Responses API members the gateway cannot honour.

extension OpenAIDecodeError {
    /// A well-formed member the gateway cannot honour. `invalid_value`, since the code set is
    /// shared with the chat decoder; the message says why and what to send instead.
    static func unsupported(_ param: String, _ message: String) -> OpenAIDecodeError {
        OpenAIDecodeError(.invalidValue, param: param, message)
    }
}
