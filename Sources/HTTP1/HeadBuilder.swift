/// What the parser learns about one request while reading its head, and the framing and
/// connection decisions made from it once the header section ends.
struct HeadBuilder {
    var method: HTTPMethod = .get
    var target = ""
    var version: HTTPVersion = .http1_1
    var headers = Headers()
    /// Bytes of field lines so far, CRLFs included; bounded by `maxHeaderBytes`.
    var headerBytes = 0
    var emptyLinesSkipped = 0

    var contentLength: Int?
    var transferEncodingSeen = false
    var chunkedCount = 0
    var otherCodingSeen = false
    var lastCodingIsChunked = false
    var connectionClose = false
    var connectionKeepAlive = false
    var expectsContinue = false
    var hostCount = 0

    /// Records the meaning of one validated field line. Errors that a single field proves
    /// are thrown here; those that need the whole section wait for `finish`.
    mutating func note(_ p: UnsafeBufferPointer<UInt8>, name: Range<Int>, value: Range<Int>) throws(ParseError) {
        switch name.count {
        case 4 where ByteClass.equalsLowercase(p, name, "host"):
            hostCount += 1
        case 6 where ByteClass.equalsLowercase(p, name, "expect"):
            if ByteClass.equalsLowercase(p, value, "100-continue") { expectsContinue = true }
        case 10 where ByteClass.equalsLowercase(p, name, "connection"):
            try forEachListElement(p, value) { (element: Range<Int>) throws(ParseError) in
                if ByteClass.equalsLowercase(p, element, "close") { connectionClose = true }
                if ByteClass.equalsLowercase(p, element, "keep-alive") { connectionKeepAlive = true }
            }
        case 14 where ByteClass.equalsLowercase(p, name, "content-length"):
            try noteContentLength(p, value)
        case 17 where ByteClass.equalsLowercase(p, name, "transfer-encoding"):
            try noteTransferEncoding(p, value)
        default:
            break
        }
    }

    /// `Content-Length` is `1*DIGIT`; a list or repeated field of identical values is accepted
    /// as one value (RFC 9110 §8.6), differing values are not.
    private mutating func noteContentLength(_ p: UnsafeBufferPointer<UInt8>, _ value: Range<Int>) throws(ParseError) {
        var elements = 0
        let empty = ParseError.badRequest(.invalidContentLength, "empty Content-Length element")
        try forEachListElement(p, value, onEmpty: empty) { (element: Range<Int>) throws(ParseError) in
            guard element.allSatisfy({ ByteClass.isDigit(p[$0]) }) else {
                throw .badRequest(.invalidContentLength, "Content-Length is not a decimal number")
            }
            guard let length = ByteClass.decimal(p, element) else {
                throw .badRequest(.invalidContentLength, "Content-Length overflows")
            }
            if let known = contentLength, known != length {
                throw .badRequest(.conflictingContentLength, "differing Content-Length values")
            }
            contentLength = length
            elements += 1
        }
        if elements == 0 { throw .badRequest(.invalidContentLength, "empty Content-Length") }
    }

    /// Remembers the order of transfer codings across all `Transfer-Encoding` fields; only
    /// a single `chunked` is acceptable, which `finish` decides.
    private mutating func noteTransferEncoding(_ p: UnsafeBufferPointer<UInt8>, _ value: Range<Int>) throws(ParseError) {
        var elements = 0
        try forEachListElement(p, value) { (element: Range<Int>) throws(ParseError) in
            elements += 1
            if ByteClass.equalsLowercase(p, element, "chunked") {
                chunkedCount += 1
                lastCodingIsChunked = true
            } else {
                otherCodingSeen = true
                lastCodingIsChunked = false
            }
        }
        if elements == 0 { throw .badRequest(.invalidTransferEncoding, "empty Transfer-Encoding") }
        transferEncodingSeen = true
    }

    /// Decides framing and keep-alive once the header section is complete.
    func finish(limits: ParserLimits) throws(ParseError) -> RequestHead {
        let isHTTP11 = version == .http1_1
        if hostCount > 1 { throw .badRequest(.duplicateHost, "more than one Host field") }
        if isHTTP11 && hostCount == 0 { throw .badRequest(.missingHost, "HTTP/1.1 request without Host") }

        let framing: RequestBodyFraming
        if transferEncodingSeen {
            if !isHTTP11 {
                throw .badRequest(.transferEncodingInHTTP10, "Transfer-Encoding in an HTTP/1.0 request")
            }
            if contentLength != nil {
                throw .badRequest(.contentLengthWithTransferEncoding, "both Content-Length and Transfer-Encoding")
            }
            // chunked must come last (else the length is unknowable, RFC 9112 §6.3) and once.
            if !lastCodingIsChunked || chunkedCount > 1 {
                throw .badRequest(.invalidTransferEncoding, "chunked must be the final coding, applied once")
            }
            if otherCodingSeen { throw ParseError.unsupportedTransferCoding }
            framing = .chunked
        } else if let length = contentLength, length > 0 {
            if length > limits.maxBodyBytes { throw ParseError.bodyTooLarge }
            framing = .contentLength(length)
        } else {
            framing = .none
        }

        return RequestHead(
            method: method, target: target, version: version, headers: headers,
            keepAlive: isHTTP11 ? !connectionClose : (connectionKeepAlive && !connectionClose),
            expectsContinue: isHTTP11 && expectsContinue, body: framing)
    }
}

/// Calls `body` with each element of a comma-separated list value, trimmed of whitespace.
/// Empty elements are skipped (RFC 9110 §5.6.1) unless `onEmpty` names the error they are.
func forEachListElement(
    _ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, onEmpty: ParseError? = nil,
    _ body: (Range<Int>) throws(ParseError) -> Void
) throws(ParseError) {
    var elements = ListElements(p, range)
    while let element = elements.next() {
        if !element.isEmpty {
            try body(element)
        } else if let onEmpty {
            throw onEmpty
        }
    }
}
