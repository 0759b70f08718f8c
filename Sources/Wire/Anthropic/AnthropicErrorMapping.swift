/// Anthropic's error bodies (`{"type":"error","error":{"type":…,"message":…}}`) and statuses, to
/// and from the canonical `ProviderError`.
///
/// Anthropic's table: 400 `invalid_request_error`, 401 `authentication_error`, 402
/// `billing_error`, 403 `permission_error`, 404 `not_found_error`, 413 `request_too_large`,
/// 429 `rate_limit_error`, 500 `api_error`, 504 `timeout_error`, 529 `overloaded_error`.
/// A context overflow is an `invalid_request_error` whose message says "prompt is too long".
public enum AnthropicErrorMapping {
    /// Reads an upstream error response; a body that is not Anthropic's shape (a proxy's HTML
    /// page) is classified by status, with its text as the message.
    public static func providerError(status: Int, body: [UInt8], retryAfter: String? = nil) -> ProviderError {
        let seconds = retryAfterSeconds(retryAfter)
        if let root = try? JSONValue.parse(body), let error = root["error"], error.object != nil {
            return providerError(type: error["type"]?.string, message: error["message"]?.string ?? "",
                                 status: status, retryAfter: seconds)
        }
        let text = String(decoding: body.prefix(512), as: UTF8.self)
        return providerError(type: nil, message: text, status: status, retryAfter: seconds)
    }

    /// The canonical error for an error `type` and message. `status` is the HTTP status when
    /// there was one; a stream's `error` event has none, so the type's usual status is used.
    public static func providerError(type: String?, message: String, status: Int?, retryAfter: Int? = nil)
        -> ProviderError {
        var kind = type.flatMap(kind(forType:)) ?? kind(forStatus: status ?? 500)
        if kind == .invalidRequest && isContextLengthMessage(message) { kind = .contextLengthExceeded }
        return ProviderError(kind: kind, status: status ?? self.status(for: kind), message: message,
                             retryAfter: retryAfter)
    }

    /// The kind for an Anthropic error `type`; nil for types this table does not know.
    public static func kind(forType type: String) -> ProviderError.Kind? {
        switch type {
        case "invalid_request_error", "request_too_large": .invalidRequest
        case "authentication_error": .authentication
        case "permission_error", "billing_error": .permission
        case "not_found_error": .notFound
        case "rate_limit_error": .rateLimited
        case "overloaded_error": .overloaded
        case "api_error": .server
        case "timeout_error": .timeout
        default: nil
        }
    }

    /// The kind for a status when the body names no known type.
    public static func kind(forStatus status: Int) -> ProviderError.Kind {
        switch status {
        case 401: .authentication
        case 402, 403: .permission
        case 404: .notFound
        case 408, 504: .timeout
        case 429: .rateLimited
        case 503, 529: .overloaded
        case 500...599: .server
        default: .invalidRequest
        }
    }

    /// Anthropic's error `type` for a canonical kind.
    public static func errorType(for kind: ProviderError.Kind) -> String {
        switch kind {
        case .invalidRequest, .contextLengthExceeded, .contentPolicy: "invalid_request_error"
        case .authentication: "authentication_error"
        case .permission: "permission_error"
        case .notFound: "not_found_error"
        case .rateLimited: "rate_limit_error"
        case .overloaded: "overloaded_error"
        case .server: "api_error"
        case .timeout: "timeout_error"
        }
    }

    /// The status Anthropic sends with a kind's error type (529 for overload).
    public static func status(for kind: ProviderError.Kind) -> Int {
        switch kind {
        case .invalidRequest, .contextLengthExceeded, .contentPolicy: 400
        case .authentication: 401
        case .permission: 403
        case .notFound: 404
        case .rateLimited: 429
        case .overloaded: 529
        case .server: 500
        case .timeout: 504
        }
    }

    /// Whether a message reports a prompt longer than the model's context window.
    public static func isContextLengthMessage(_ message: String) -> Bool {
        let lower = message.lowercased()
        return lower.contains("prompt is too long") || lower.contains("exceed context limit")
    }

    /// `retry-after` as whole seconds; nil when absent or not a non-negative number (an HTTP
    /// date, which Anthropic does not send).
    public static func retryAfterSeconds(_ header: String?) -> Int? {
        guard let text = header?.trimmingSpaces else { return nil }
        if let seconds = Int(text) { return seconds >= 0 ? seconds : nil }
        guard let value = Double(text), value >= 0, value < 1e9 else { return nil }
        let whole = Int(value) // Truncation, not `rounded`: Wire links no libm.
        return Double(whole) < value ? whole + 1 : whole
    }

    /// The error body for `error`; `requestID` adds Anthropic's top-level `request_id`.
    public static func encode(_ error: ProviderError, requestID: String? = nil) -> [UInt8] {
        var writer = JSONWriter(capacity: 96 + error.message.utf8.count)
        write(error, requestID: requestID, to: &writer)
        return writer.bytes
    }

    /// Writes the error object at the writer's position.
    public static func write(_ error: ProviderError, requestID: String? = nil, to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("type", "error")
        writer.key("error")
        writer.beginObject()
        writer.member("type", errorType(for: error.kind))
        writer.member("message", error.message)
        writer.endObject()
        if let requestID { writer.member("request_id", requestID) }
        writer.endObject()
    }
}

extension String {
    /// The text without leading and trailing ASCII spaces and tabs (Wire links no Foundation).
    fileprivate var trimmingSpaces: String {
        let bytes = Array(utf8)
        let isSpace = { (b: UInt8) in b == 0x20 || b == 0x09 }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }),
              let last = bytes.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(decoding: bytes[first...last], as: UTF8.self)
    }
}
