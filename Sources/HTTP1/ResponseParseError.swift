/// Why an upstream response could not be parsed; the connection it arrived on is unusable.
public struct ResponseParseError: Error, Sendable, Hashable, CustomStringConvertible {
    public var code: Code

    public init(_ code: Code) {
        self.code = code
    }

    /// Static ASCII text for logs and error bodies; one per code.
    public var message: String {
        switch code {
        case .invalidStatusLine: "malformed status line"
        case .unsupportedVersion: "only HTTP/1.0 and HTTP/1.1 responses are supported"
        case .invalidHeader: "malformed header field line"
        case .headTooLarge: "response head or trailer section too large"
        case .unexpectedUpgrade: "unexpected 101 Switching Protocols"
        case .invalidContentLength: "invalid or conflicting Content-Length"
        case .invalidChunkSize: "malformed chunk-size line"
        case .invalidChunkData: "chunk data not followed by a line end"
        case .truncated: "connection closed before the response was complete"
        }
    }

    public var description: String { "\(code.rawValue): \(message)" }

    /// Stable machine-readable identifiers for each failure.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        case invalidStatusLine = "invalid_status_line"
        case unsupportedVersion = "unsupported_version"
        case invalidHeader = "invalid_header"
        case headTooLarge = "head_too_large"
        case unexpectedUpgrade = "unexpected_upgrade"
        case invalidContentLength = "invalid_content_length"
        case invalidChunkSize = "invalid_chunk_size"
        case invalidChunkData = "invalid_chunk_data"
        case truncated = "truncated"
    }
}

/// Shorthands, so `throw .truncated` and `.error(.truncated)` read naturally.
extension ResponseParseError {
    public static var invalidStatusLine: ResponseParseError { ResponseParseError(.invalidStatusLine) }
    public static var unsupportedVersion: ResponseParseError { ResponseParseError(.unsupportedVersion) }
    public static var invalidHeader: ResponseParseError { ResponseParseError(.invalidHeader) }
    public static var headTooLarge: ResponseParseError { ResponseParseError(.headTooLarge) }
    public static var unexpectedUpgrade: ResponseParseError { ResponseParseError(.unexpectedUpgrade) }
    public static var invalidContentLength: ResponseParseError { ResponseParseError(.invalidContentLength) }
    public static var invalidChunkSize: ResponseParseError { ResponseParseError(.invalidChunkSize) }
    public static var invalidChunkData: ResponseParseError { ResponseParseError(.invalidChunkData) }
    public static var truncated: ResponseParseError { ResponseParseError(.truncated) }
}
