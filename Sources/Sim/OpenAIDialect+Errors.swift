import HTTP1
import Wire

extension OpenAIDialect {
    /// OpenAI's `type` for 5xx answers it blames on itself rather than on the request.
    static let serverErrorKind = OpenAIError.Kind(rawValue: "server_error")

    /// The `error` object OpenAI sends for this failure.
    static func error(_ failure: SimError) -> OpenAIError {
        OpenAIError(message: failure.message, type: errorKind(status: failure.status),
                    param: failure.param, code: errorCode(failure))
    }

    /// Status, headers (`retry-after`, `Allow`) and JSON body of an error response.
    static func errorResponse(_ failure: SimError) -> (status: HTTPStatus, headers: Headers, body: [UInt8]) {
        var headers = Headers()
        headers.append(name: "Content-Type", value: "application/json")
        if let seconds = failure.retryAfter { headers.append(name: "retry-after", value: String(seconds)) }
        if let allow = failure.allow { headers.append(name: "Allow", value: allow) }
        return (HTTPStatus(failure.status), headers, error(failure).encoded())
    }

    /// The `type` by status: 429 is a rate limit, 500 (and 502/504) a `server_error`, 503 and
    /// other overload statuses an `api_error`, any other client status an invalid request.
    static func errorKind(status: Int) -> OpenAIError.Kind {
        switch status {
        case 401: .invalidRequest // OpenAI reports a bad key as invalid_request_error/invalid_api_key.
        case 403: .permission
        case 429: .rateLimit
        case 500, 502, 504: serverErrorKind
        case 501...599: .api
        default: .invalidRequest
        }
    }

    /// OpenAI's machine-readable `code`, where it sends one.
    static func errorCode(_ failure: SimError) -> String? {
        if let code = failure.providerCode { return code }
        return switch failure.code {
        case .missingParameter: "missing_required_parameter"
        case .invalidParameter: "invalid_value"
        case .injected where failure.status == 429: "rate_limit_exceeded"
        case .injected where failure.status == 401: "invalid_api_key"
        case .modelNotFound: "model_not_found"
        case .malformedJSON, .invalidHeader, .unknownPath, .methodNotAllowed, .injected: nil
        }
    }

    /// OpenAI answers an unknown route with 404 "Invalid URL (METHOD /path)".
    static func unknownPath(method: String, path: Substring) -> SimError {
        SimError(.unknownPath, status: 404, message: "Invalid URL (\(method) \(path))")
    }

    static func methodNotAllowed(method: String, path: Substring, allow: String) -> SimError {
        SimError(.methodNotAllowed, status: 405, message: "Method \(method) is not allowed for \(path); use \(allow).",
                 allow: allow)
    }
}
