import HTTP1
import Wire

extension AnthropicDialect {
    /// Status, headers (`request-id`, `retry-after`, `Allow`) and body of an error in Anthropic's
    /// shape: `{"type":"error","error":{"type":…,"message":…},"request_id":…}`. The `type` follows
    /// the status as Anthropic's table has it (429 `rate_limit_error`, 529 `overloaded_error`,
    /// 500 `api_error`, 400 `invalid_request_error`, 401 `authentication_error`, …).
    static func errorResponse(_ failure: SimError, requestID: String)
        -> (status: HTTPStatus, headers: Headers, body: [UInt8]) {
        var headers = Headers()
        headers.append(name: "Content-Type", value: "application/json")
        headers.append(name: "request-id", value: requestID)
        if let seconds = failure.retryAfter { headers.append(name: "retry-after", value: String(seconds)) }
        if let allow = failure.allow { headers.append(name: "Allow", value: allow) }
        let kind = AnthropicErrorMapping.kind(forStatus: failure.status)
        let message = failure.code == .injected ? injectedMessage(status: failure.status) : failure.message
        let body = AnthropicErrorMapping.encode(ProviderError(kind: kind, status: failure.status, message: message),
                                                requestID: requestID)
        return (HTTPStatus(failure.status), headers, body)
    }

    /// The messages Anthropic sends for these statuses, so clients and logs look familiar.
    static func injectedMessage(status: Int) -> String {
        switch status {
        case 400: "Simulated invalid request."
        case 401: "invalid x-api-key"
        case 403: "Your API key does not have permission to use the specified resource."
        case 404: "The requested resource could not be found."
        case 429: "Number of request tokens has exceeded your per-minute rate limit (simulated)."
        case 500: "Internal server error"
        case 504: "Request timed out"
        case 529: "Overloaded"
        default: "Simulated failure with status \(status)."
        }
    }

    /// Anthropic answers other methods on `/v1/messages` with 405.
    static func methodNotAllowed(method: String) -> SimError {
        SimError(.methodNotAllowed, status: 405, message: "Method \(method) not allowed; use POST.", allow: "POST")
    }
}
