/// Why a request was rejected: the status to answer with, a stable code, and a short message.
///
/// After an error the connection answers it (if it still can) and closes.
public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
    public var status: HTTPStatus
    public var code: Code
    /// Static ASCII text, safe to send as a plain-text response body.
    public var message: String

    public init(status: HTTPStatus, code: Code, message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    public var description: String { "\(status.code) \(code.rawValue): \(message)" }

    /// Stable machine-readable identifiers for each rejection.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        case invalidMethod = "invalid_method"
        case invalidTarget = "invalid_target"
        case invalidVersion = "invalid_version"
        case unsupportedVersion = "unsupported_version"
        case requestLineTooLong = "request_line_too_long"
        case tooManyEmptyLines = "too_many_empty_lines"
        case bareLineFeed = "bare_line_feed"
        case obsoleteLineFolding = "obsolete_line_folding"
        case whitespaceBeforeColon = "whitespace_before_colon"
        case invalidHeaderName = "invalid_header_name"
        case invalidHeaderValue = "invalid_header_value"
        case headersTooLarge = "headers_too_large"
        case tooManyHeaders = "too_many_headers"
        case missingHost = "missing_host"
        case duplicateHost = "duplicate_host"
        case invalidContentLength = "invalid_content_length"
        case conflictingContentLength = "conflicting_content_length"
        case contentLengthWithTransferEncoding = "content_length_with_transfer_encoding"
        case invalidTransferEncoding = "invalid_transfer_encoding"
        case unsupportedTransferCoding = "unsupported_transfer_coding"
        case transferEncodingInHTTP10 = "transfer_encoding_in_http10"
        case invalidChunkSize = "invalid_chunk_size"
        case chunkLineTooLong = "chunk_line_too_long"
        case invalidChunkTerminator = "invalid_chunk_terminator"
        case bodyTooLarge = "body_too_large"
        case trailersTooLarge = "trailers_too_large"
        case unexpectedEndOfInput = "unexpected_end_of_input"
        case headerTimeout = "header_timeout"
        case bodyTimeout = "body_timeout"
    }
}

extension ParseError {
    static func badRequest(_ code: Code, _ message: String) -> ParseError {
        ParseError(status: .badRequest, code: code, message: message)
    }

    static let requestLineTooLong = ParseError(
        status: .uriTooLong, code: .requestLineTooLong, message: "request line too long")
    static let headersTooLarge = ParseError(
        status: .requestHeaderFieldsTooLarge, code: .headersTooLarge,
        message: "header section too large")
    static let tooManyHeaders = ParseError(
        status: .requestHeaderFieldsTooLarge, code: .tooManyHeaders, message: "too many header fields")
    static let trailersTooLarge = ParseError(
        status: .requestHeaderFieldsTooLarge, code: .trailersTooLarge, message: "trailer section too large")
    static let bodyTooLarge = ParseError(
        status: .contentTooLarge, code: .bodyTooLarge, message: "request body too large")
    static let bareLineFeed = badRequest(.bareLineFeed, "line not terminated by CRLF")
    static let unsupportedTransferCoding = ParseError(
        status: .notImplemented, code: .unsupportedTransferCoding,
        message: "only the chunked transfer coding is supported")
    /// Not produced by the parser: the connection answers it when the header timer fires.
    public static let headerTimeout = ParseError(
        status: .requestTimeout, code: .headerTimeout, message: "request header not received in time")
    /// Not produced by the parser: the I/O layer answers it when a body arrives too slowly.
    public static let bodyTimeout = ParseError(
        status: .requestTimeout, code: .bodyTimeout, message: "request body not received in time")
    /// Not produced by the parser: the connection reports it when the peer closes mid-body.
    public static let unexpectedEndOfInput = badRequest(
        .unexpectedEndOfInput, "connection closed before the request body was complete")
}
