// `ProviderError` → OpenAI's error object and status, for callers on OpenAI routes.

extension OpenAIErrorMapping {
    /// OpenAI's `type` for errors it blames on itself.
    static let serverErrorType = OpenAIError.Kind(rawValue: "server_error")

    /// The status an OpenAI caller gets for `error`: OpenAI's own status for the kind, except
    /// that a server error keeps a specific 5xx the provider gave.
    public static func status(for error: ProviderError) -> Int {
        status(for: error.kind, upstream: error.status)
    }

    static func status(for kind: ProviderError.Kind, upstream: Int?) -> Int {
        switch kind {
        case .invalidRequest, .contextLengthExceeded, .contentPolicy: 400
        case .authentication: 401
        case .permission: 403
        case .notFound: 404
        case .rateLimited: 429
        case .overloaded: 503
        case .timeout: 504
        case .server:
            if let upstream, upstream >= 500 && upstream < 600 && upstream != 503 && upstream != 504 { upstream } else { 500 }
        }
    }

    /// The error object OpenAI would send for `error`: its `type`, `param` and `code` values
    /// (a bad key is `invalid_request_error`/`invalid_api_key` at OpenAI, for instance).
    public static func openAIError(_ error: ProviderError) -> OpenAIError {
        let message = error.message
        switch error.kind {
        case .invalidRequest:
            return OpenAIError(message: message, type: .invalidRequest)
        case .authentication:
            return OpenAIError(message: message, type: .invalidRequest, code: "invalid_api_key")
        case .permission:
            return OpenAIError(message: message, type: .permission)
        case .notFound:
            return OpenAIError(message: message, type: .invalidRequest, code: "model_not_found")
        case .rateLimited:
            return OpenAIError(message: message, type: .rateLimit, code: "rate_limit_exceeded")
        case .overloaded:
            return OpenAIError(message: message, type: .api, code: "overloaded")
        case .contextLengthExceeded:
            return OpenAIError(message: message, type: .invalidRequest, param: "messages", code: "context_length_exceeded")
        case .contentPolicy:
            return OpenAIError(message: message, type: .invalidRequest, code: "content_policy_violation")
        case .server:
            return OpenAIError(message: message, type: serverErrorType)
        case .timeout:
            return OpenAIError(message: message, type: .timeout)
        }
    }

    /// Status and JSON body for answering `error`; send `retry-after` when `error.retryAfter` is set.
    public static func encode(_ error: ProviderError) -> (status: Int, body: [UInt8]) {
        (status(for: error), openAIError(error).encoded())
    }

    /// Appends `error` as an SSE `data: {"error":…}` event, how a stream that already started
    /// reports a failure.
    public static func appendStreamEvent(_ error: ProviderError, to out: inout [UInt8]) {
        out.append(contentsOf: "data: ".utf8)
        out.append(contentsOf: openAIError(error).encoded())
        out.append(contentsOf: "\n\n".utf8)
    }
}
