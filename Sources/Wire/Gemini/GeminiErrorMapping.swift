/// Maps a Gemini error response to a canonical `ProviderError`.
///
/// Gemini's body is `{"error":{"code","message","status","details"}}`.
/// The kind comes from the gRPC `status` name, which is more precise than the HTTP code, with
/// two provider quirks: a bad API key is `400 INVALID_ARGUMENT` with an `ErrorInfo` reason of
/// `API_KEY_INVALID` (reported here as authentication, status 401), and an over-long prompt is
/// `400 INVALID_ARGUMENT` whose message reads "The input token count (N) exceeds the maximum
/// number of tokens allowed (M)" (context length exceeded). `FAILED_PRECONDITION` (free tier not
/// available in the caller's region, billing required) is a permission problem. The retry delay
/// comes from a `retry-after` header when present, else from `google.rpc.RetryInfo.retryDelay`.
public enum GeminiErrorMapping {
    /// The canonical error for an error response; `body` may be Gemini's object, its inner
    /// `error` member, the one-element array the non-SSE stream endpoint sends, or anything else
    /// (then it is the message). A `status` of 200 (an error inside a stream) defers to the body's
    /// `code`.
    public static func providerError(status: Int, body: [UInt8], retryAfter: String? = nil) -> ProviderError {
        let parsed = try? JSONValue.parse(body)
        let root = parsed?[0] ?? parsed
        // A stream's error event may hand over the inner object alone.
        let error = root?["error"] ?? (root?["status"]?.string != nil ? root : nil)
        let message = error?["message"]?.string ?? fallbackMessage(body, status: status)
        let code = error?["code"]?.int ?? status
        let statusName = error?["status"]?.string
        let details = error?["details"]?.array ?? []
        var result = providerError(code: status == 200 ? code : status, statusName: statusName, message: message,
                                   reasons: details.compactMap { $0["reason"]?.string })
        result.retryAfter = retryAfter.flatMap { Int($0) } ?? retryDelay(details)
        return result
    }

    /// The canonical error from the parts of a Gemini error object.
    static func providerError(code: Int, statusName: String?, message: String, reasons: [String]) -> ProviderError {
        if reasons.contains("API_KEY_INVALID") || message.hasPrefix("API key not valid") {
            return ProviderError(kind: .authentication, status: 401, message: message)
        }
        let kind = statusName.flatMap { kinds[$0] } ?? kind(httpStatus: code)
        if kind == .invalidRequest && isContextLength(message) {
            return ProviderError(kind: .contextLengthExceeded, status: 400, message: message)
        }
        return ProviderError(kind: kind, status: code, message: message)
    }

    static let kinds: [String: ProviderError.Kind] = [
        "INVALID_ARGUMENT": .invalidRequest, "OUT_OF_RANGE": .invalidRequest, "ALREADY_EXISTS": .invalidRequest,
        "UNIMPLEMENTED": .invalidRequest, "FAILED_PRECONDITION": .permission, "UNAUTHENTICATED": .authentication,
        "PERMISSION_DENIED": .permission, "NOT_FOUND": .notFound, "RESOURCE_EXHAUSTED": .rateLimited,
        "UNAVAILABLE": .overloaded, "DEADLINE_EXCEEDED": .timeout, "INTERNAL": .server, "UNKNOWN": .server,
        "ABORTED": .server, "CANCELLED": .server, "DATA_LOSS": .server,
    ]

    static func kind(httpStatus: Int) -> ProviderError.Kind {
        switch httpStatus {
        case 401: .authentication
        case 403: .permission
        case 404: .notFound
        case 408, 504: .timeout
        case 429: .rateLimited
        case 503, 529: .overloaded
        case 500...599: .server
        default: .invalidRequest
        }
    }

    static func isContextLength(_ message: String) -> Bool {
        let lower = message.lowercased()
        return lower.contains("exceeds the maximum number of tokens") || lower.contains("input token count")
            || lower.contains("context window") || lower.contains("input context is too long")
    }

    /// Whole seconds of a `RetryInfo.retryDelay` such as `"32s"` or `"0.5s"`, rounded up.
    static func retryDelay(_ details: [JSONValue]) -> Int? {
        for detail in details where detail["@type"]?.string?.hasSuffix("google.rpc.RetryInfo") == true {
            guard let text = detail["retryDelay"]?.string, text.hasSuffix("s"),
                  let seconds = Double(text.dropLast()), seconds >= 0, seconds < 1e9 else { continue }
            let whole = Int(seconds)
            return Double(whole) < seconds ? whole + 1 : whole
        }
        return nil
    }

    /// A message for a body without Gemini's error object: its text, bounded.
    private static func fallbackMessage(_ body: [UInt8], status: Int) -> String {
        let text = String(decoding: body.prefix(500), as: UTF8.self)
        return text.isEmpty ? "Gemini answered with status \(status)" : text
    }
}
