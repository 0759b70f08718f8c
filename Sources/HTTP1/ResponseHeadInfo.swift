/// The parts of a response head the client needs.
public struct ResponseHeadInfo: Sendable, Equatable {
    public var status: Int
    /// Header lines after the status line, each ending in CRLF, without the final empty line.
    /// Exactly the bytes received, except that a line received with a bare LF end is given a
    /// CRLF end here, so a consumer only ever sees CRLF.
    public var headerBlock: [UInt8]
    public var framing: Framing
    /// The connection may carry another request after this response: HTTP/1.1 without `Connection: close`,
    /// or HTTP/1.0 with `Connection: keep-alive`; always false for `.untilClose`.
    public var keepAlive: Bool

    /// How the body of this response is delimited (RFC 9112 §6.3).
    public enum Framing: Sendable, Equatable {
        /// No body: a response to HEAD, 204 or 304.
        case none
        /// Exactly this many bytes (`Content-Length`).
        case length(Int)
        /// `Transfer-Encoding` ending in `chunked`.
        case chunked
        /// The body ends when the server closes the connection.
        case untilClose
    }

    public init(status: Int, headerBlock: [UInt8], framing: Framing, keepAlive: Bool) {
        self.status = status
        self.headerBlock = headerBlock
        self.framing = framing
        self.keepAlive = keepAlive
    }
}

/// What the framing and connection fields of one response head said, gathered line by line;
/// `decide` turns them into framing and keep-alive once the head is complete.
struct ResponseHeadFacts {
    var isHTTP11: Bool
    var contentLength: Int?
    var contentLengthSeen = false
    /// A malformed or conflicting Content-Length; an error only if the framing comes to rest on it.
    var contentLengthInvalid = false
    var transferEncodingSeen = false
    var lastCodingIsChunked = false
    var connectionClose = false
    var connectionKeepAlive = false

    init(isHTTP11: Bool) {
        self.isHTTP11 = isHTTP11
    }

    /// Records one validated field line; `name` and `value` hold token and field-value bytes only.
    mutating func note(_ p: UnsafeBufferPointer<UInt8>, name: Range<Int>, value: Range<Int>) {
        switch name.count {
        case 10 where ByteClass.equalsLowercase(p, name, "connection"):
            var elements = ListElements(p, value)
            while let element = elements.next() {
                if ByteClass.equalsLowercase(p, element, "close") { connectionClose = true }
                if ByteClass.equalsLowercase(p, element, "keep-alive") { connectionKeepAlive = true }
            }
        case 14 where ByteClass.equalsLowercase(p, name, "content-length"):
            contentLengthSeen = true
            var elements = ListElements(p, value)
            while let element = elements.next() {
                guard let length = ByteClass.decimal(p, element), contentLength == nil || contentLength == length else {
                    contentLengthInvalid = true
                    return
                }
                contentLength = length
            }
        case 17 where ByteClass.equalsLowercase(p, name, "transfer-encoding"):
            // Codings accumulate across fields; only the last one decides the framing.
            transferEncodingSeen = true
            var elements = ListElements(p, value)
            while let element = elements.next() {
                if element.isEmpty { continue }
                lastCodingIsChunked = ByteClass.equalsLowercase(p, element, "chunked")
            }
        default:
            break
        }
    }

    /// RFC 9112 §6.3 in order, as a client applies it. A Content-Length that the framing does
    /// not rest on (HEAD, 204, 304, or beside Transfer-Encoding) is ignored even if malformed.
    func decide(status: Int, requestMethodIsHead: Bool) throws(ResponseParseError) -> (ResponseHeadInfo.Framing, Bool) {
        var keepAlive = isHTTP11 ? !connectionClose : connectionKeepAlive && !connectionClose
        let framing: ResponseHeadInfo.Framing
        if requestMethodIsHead || status == 204 || status == 304 {
            framing = .none
        } else if transferEncodingSeen {
            framing = lastCodingIsChunked ? .chunked : .untilClose
            // Content-Length beside Transfer-Encoding may be a smuggling attempt (§6.3 item 3), and
            // Transfer-Encoding in HTTP/1.0 means faulty framing (§6.1): either way, close after it.
            if contentLengthSeen || !isHTTP11 { keepAlive = false }
        } else if contentLengthSeen {
            guard !contentLengthInvalid, let length = contentLength else { throw .invalidContentLength }
            framing = .length(length)
        } else {
            framing = .untilClose
        }
        return (framing, keepAlive && framing != .untilClose)
    }
}
