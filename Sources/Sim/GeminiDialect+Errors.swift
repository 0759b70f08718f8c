import HTTP1
import Wire

extension GeminiDialect {
    /// Status, headers and body of an error in Gemini's shape:
    /// `{"error":{"code":…,"message":…,"status":"RESOURCE_EXHAUSTED"}}`, with a
    /// `google.rpc.RetryInfo` detail when a retry delay is known (Gemini sends no `retry-after`).
    static func errorResponse(_ failure: SimError) -> (status: HTTPStatus, headers: Headers, body: [UInt8]) {
        var headers = Headers()
        headers.append(name: "Content-Type", value: "application/json; charset=UTF-8")
        let message = failure.code == .injected ? injectedMessage(status: failure.status) : failure.message
        var writer = JSONWriter(capacity: 160 + message.utf8.count)
        writer.beginObject()
        writer.key("error")
        writer.beginObject()
        writer.member("code", failure.status)
        writer.member("message", message)
        writer.member("status", statusName(failure.status))
        if let seconds = failure.retryAfter {
            writer.key("details")
            writer.beginArray()
            writer.beginObject()
            writer.member("@type", "type.googleapis.com/google.rpc.RetryInfo")
            writer.member("retryDelay", "\(seconds)s")
            writer.endObject()
            writer.endArray()
        }
        writer.endObject()
        writer.endObject()
        return (HTTPStatus(failure.status), headers, writer.bytes)
    }

    /// The gRPC status name Google pairs with an HTTP status.
    static func statusName(_ status: Int) -> String {
        switch status {
        case 400: "INVALID_ARGUMENT"
        case 401: "UNAUTHENTICATED"
        case 403: "PERMISSION_DENIED"
        case 404: "NOT_FOUND"
        case 405: "UNIMPLEMENTED"
        case 409: "ABORTED"
        case 429: "RESOURCE_EXHAUSTED"
        case 499: "CANCELLED"
        case 500: "INTERNAL"
        case 501: "UNIMPLEMENTED"
        case 503: "UNAVAILABLE"
        case 504: "DEADLINE_EXCEEDED"
        case 400..<500: "FAILED_PRECONDITION"
        default: "UNKNOWN"
        }
    }

    /// The messages Gemini sends for these statuses, so clients and logs look familiar.
    static func injectedMessage(status: Int) -> String {
        switch status {
        case 400: "Request contains an invalid argument."
        case 401: "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or "
            + "other valid authentication credential."
        case 403: "The caller does not have permission"
        case 404: "Requested entity was not found."
        case 429: "You exceeded your current quota, please check your plan and billing details (simulated)."
        case 500: "An internal error has occurred. Please retry or report in "
            + "https://developers.generativeai.google/guide/troubleshooting"
        case 503: "The model is overloaded. Please try again later."
        case 504: "Deadline expired before operation could complete."
        default: "Simulated failure with status \(status)."
        }
    }

    /// Gemini without any API key: 403, not 401.
    static let missingKey = SimError(.invalidHeader, status: 403, message: "Method doesn't allow unregistered callers "
        + "(callers without established identity). Please use API Key or other form of API consumer identity to call this API.")

    static func unknownMethod(_ method: String, model: String) -> SimError {
        SimError(.unknownPath, status: 404, message: "models/\(model) is not found for API version v1beta, or is not "
            + "supported for \(method). Call ListModels to see the list of available models and their supported methods.")
    }

    static func methodNotAllowed(_ method: String) -> SimError {
        SimError(.methodNotAllowed, status: 405, message: "Method \(method) is not allowed; use POST.", allow: "POST")
    }
}
