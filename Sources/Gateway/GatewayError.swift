import HTTP
import HTTP1
import Wire

/// A failure the gateway answers itself, converted to the caller's dialect once, at the edge.
public struct GatewayError: Error, Sendable, Equatable {
    /// Stable error classes; they appear in logs and, later, in ledger rows.
    public enum Code: String, Sendable {
        case malformedJSON = "malformed_json"
        case missingField = "missing_field"
        case invalidField = "invalid_field"
        case unsupported = "unsupported"
        case invalidHeader = "invalid_header"
        case unauthorized = "invalid_api_key"
        case modelNotAllowed = "model_not_allowed"
        case originNotAllowed = "origin_not_allowed"
        case rateLimited = "rate_limit_exceeded"
        case budgetExceeded = "budget_exceeded"
        case modelNotFound = "model_not_found"
        case notFound = "not_found"
        case methodNotAllowed = "method_not_allowed"
        case upstreamUnavailable = "upstream_unavailable"
        case upstreamTimeout = "upstream_timeout"
        case upstreamError = "upstream_error"
        case clientClosed = "client_closed"
    }

    public let code: Code
    public let status: HTTPStatus
    public let message: String
    public let param: String?
    /// Seconds until a retry can succeed (429s).
    public var retryAfter: Int?
    /// Extra response headers (`x-ratelimit-*` on limiter refusals).
    public var headers: [String: String] = [:]

    public init(_ code: Code, status: HTTPStatus, _ message: String, param: String? = nil) {
        self.code = code
        self.status = status
        self.message = message
        self.param = param
    }

    /// OpenAI's error object for this failure.
    public var openAI: OpenAIError {
        let type: OpenAIError.Kind
        switch code {
        case .malformedJSON, .missingField, .invalidField, .unsupported, .invalidHeader, .modelNotFound, .notFound, .methodNotAllowed:
            type = .invalidRequest
        case .unauthorized:
            type = .authentication
        case .modelNotAllowed, .originNotAllowed:
            type = .permission
        case .rateLimited:
            type = .rateLimit
        case .budgetExceeded:
            type = .insufficientQuota
        case .upstreamTimeout:
            type = .timeout
        case .upstreamUnavailable, .upstreamError, .clientClosed:
            type = .api
        }
        return OpenAIError(message: message, type: type, param: param, code: code.rawValue)
    }

    static func from(_ error: UpstreamError) -> GatewayError {
        switch error.kind {
        case .connectTimeout, .firstByteTimeout, .idleTimeout, .totalTimeout:
            GatewayError(.upstreamTimeout, status: .gatewayTimeout, "The upstream provider timed out (\(error.kind.rawValue)).")
        case .canceled:
            GatewayError(.clientClosed, status: .clientClosedRequest, "The client closed the connection.")
        case .connect, .reset, .invalidRequest, .other:
            GatewayError(.upstreamUnavailable, status: .badGateway, "The upstream provider could not be reached (\(error.kind.rawValue)).")
        }
    }
}

extension GatewayError {
    /// The failure in canonical terms, for dialects other than OpenAI's.
    var providerError: ProviderError {
        let kind: ProviderError.Kind = switch code {
        case .malformedJSON, .missingField, .invalidField, .unsupported, .invalidHeader, .methodNotAllowed: .invalidRequest
        case .unauthorized: .authentication
        case .modelNotAllowed, .originNotAllowed: .permission
        case .rateLimited, .budgetExceeded: .rateLimited
        case .modelNotFound, .notFound: .notFound
        case .upstreamTimeout: .timeout
        case .upstreamUnavailable, .upstreamError, .clientClosed: .server
        }
        return ProviderError(kind: kind, status: status.code, message: message, retryAfter: retryAfter)
    }

    /// The error body in `dialect`.
    func body(for dialect: Dialect) -> [UInt8] {
        switch dialect {
        case .openAI, .gemini, .openAIResponses: openAI.encoded()
        case .anthropic: AnthropicErrorMapping.encode(providerError)
        }
    }
}

extension ResponseWriter {
    /// Answers `error` in the caller's dialect (OpenAI's error object by default).
    func respond(_ error: GatewayError, dialect: Dialect = .openAI, headers: Headers) {
        var headers = headers
        headers.append(name: "Content-Type", value: "application/json")
        if let retryAfter = error.retryAfter { headers.append(name: "retry-after", value: String(retryAfter)) }
        for (name, value) in error.headers.sorted(by: { $0.key < $1.key }) { headers.append(name: name, value: value) }
        respond(status: error.status, headers: headers, body: error.body(for: dialect))
    }
}
