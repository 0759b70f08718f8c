/// A request the simulator answers with an error status; each dialect renders it its own way.
struct SimError: Error, Sendable, Equatable {
    /// Why the request failed.
    enum Code: String, Sendable, Equatable {
        case malformedJSON
        case missingParameter
        case invalidParameter
        case invalidHeader
        case unknownPath
        case modelNotFound
        case methodNotAllowed
        /// A failure the options or `x-sim-fail-status` asked for.
        case injected
    }

    var code: Code
    var status: Int
    var message: String
    /// The request parameter at fault.
    var param: String?
    /// `retry-after` seconds to send.
    var retryAfter: Int?
    /// Methods for the `Allow` header of a 405.
    var allow: String?
    /// The provider's own machine-readable code when it is finer than `code` (OpenAI's
    /// Responses API says `unknown_parameter`, `invalid_type`, `integer_below_min_value`).
    var providerCode: String?

    init(_ code: Code, status: Int = 400, message: String, param: String? = nil,
         retryAfter: Int? = nil, allow: String? = nil, providerCode: String? = nil) {
        self.code = code
        self.status = status
        self.message = message
        self.param = param
        self.retryAfter = retryAfter
        self.allow = allow
        self.providerCode = providerCode
    }

    static func missing(_ param: String) -> SimError {
        SimError(.missingParameter, message: "Missing required parameter: '\(param)'.", param: param)
    }

    static func invalid(_ param: String, _ detail: String) -> SimError {
        SimError(.invalidParameter, message: "Invalid '\(param)': \(detail)", param: param)
    }

    static func injected(status: Int, retryAfter: Int?) -> SimError {
        SimError(.injected, status: status, message: injectedMessage(status: status), retryAfter: retryAfter)
    }

    /// The message a real provider sends for the status, so logs and clients look familiar.
    private static func injectedMessage(status: Int) -> String {
        switch status {
        case 429: "Rate limit reached for requests (simulated). Please try again later."
        case 500: "The server had an error while processing your request. Sorry about that!"
        case 502: "Bad gateway."
        case 503: "The engine is currently overloaded, please try again later."
        case 504: "Gateway timeout."
        default: "Simulated failure with status \(status)."
        }
    }
}
