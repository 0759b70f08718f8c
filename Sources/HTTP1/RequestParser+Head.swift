/// The request line and header section: validation of each line as it completes.
extension RequestParser {
    /// Parses `method SP target SP version`, single spaces only. An empty line before the
    /// request line is skipped (a few are tolerated, RFC 9112 §2.2).
    mutating func parseRequestLine(_ p: UnsafeBufferPointer<UInt8>, _ line: Range<Int>) throws(ParseError) {
        if line.isEmpty {
            builder.emptyLinesSkipped += 1
            if builder.emptyLinesSkipped > ParserLimits.maxLeadingEmptyLines {
                throw .badRequest(.tooManyEmptyLines, "too many empty lines before the request line")
            }
            return
        }
        let end = line.upperBound
        var index = line.lowerBound
        while index < end && ByteClass.isToken(p[index]) { index += 1 }
        guard index > line.lowerBound, index < end, p[index] == ByteClass.space else {
            throw .badRequest(.invalidMethod, "malformed method")
        }
        let method = HTTPMethod.from(UnsafeBufferPointer(rebasing: p[line.lowerBound..<index]))

        index += 1
        let targetStart = index
        index = ByteScan.firstNonTargetByte(p, from: index, end: end)
        guard index > targetStart, index < end, p[index] == ByteClass.space else {
            throw .badRequest(.invalidTarget, "malformed request target")
        }
        let targetRange = targetStart..<index
        try checkTargetForm(p, targetRange, method: method)

        builder.version = try parseVersion(p, (index + 1)..<end)
        builder.method = method
        builder.target = String(decoding: UnsafeBufferPointer(rebasing: p[targetRange]), as: UTF8.self)
        builder.headers = Headers(reservingFields: 16, bytes: 0)
        headerSectionStart = readIndex
        state = .headerLines
    }

    /// Origin form (`/path`), asterisk form (`*`, OPTIONS only), authority form (CONNECT
    /// only) or absolute form (`scheme://...`).
    private func checkTargetForm(
        _ p: UnsafeBufferPointer<UInt8>, _ target: Range<Int>, method: HTTPMethod
    ) throws(ParseError) {
        let first = p[target.lowerBound]
        if first == 0x2F { return }
        if method == .connect { return }
        if first == 0x2A {
            guard target.count == 1, method == .options else {
                throw .badRequest(.invalidTarget, "asterisk form is only for OPTIONS")
            }
            return
        }
        if ByteClass.isAlpha(first) {
            var index = target.lowerBound
            while index + 2 < target.upperBound {
                if p[index] == ByteClass.colon && p[index + 1] == 0x2F && p[index + 2] == 0x2F { return }
                index += 1
            }
        }
        throw .badRequest(.invalidTarget, "request target is not in a known form")
    }

    /// Exactly `HTTP/1.1` or `HTTP/1.0`; other well-formed versions get 505.
    private func parseVersion(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) throws(ParseError) -> HTTPVersion {
        let v = range.lowerBound
        guard range.count == 8,
              p[v] == 0x48, p[v + 1] == 0x54, p[v + 2] == 0x54, p[v + 3] == 0x50, p[v + 4] == 0x2F,
              ByteClass.isDigit(p[v + 5]), p[v + 6] == 0x2E, ByteClass.isDigit(p[v + 7])
        else { throw .badRequest(.invalidVersion, "malformed HTTP version") }
        let major = p[v + 5] &- 0x30, minor = p[v + 7] &- 0x30
        guard major == 1, minor <= 1 else {
            throw ParseError(status: .httpVersionNotSupported, code: .unsupportedVersion,
                             message: "only HTTP/1.0 and HTTP/1.1 are supported")
        }
        return HTTPVersion(major: major, minor: minor)
    }

    mutating func parseHeaderLine(_ p: UnsafeBufferPointer<UInt8>, _ line: Range<Int>) throws(ParseError) {
        if builder.headers.count >= limits.maxHeaderCount { throw ParseError.tooManyHeaders }
        let field = try parseFieldLine(p, line)
        builder.headers.appendParsedField(base: headerSectionStart ?? 0, name: field.name, value: field.value)
        try builder.note(p, name: field.name, value: field.value)
    }

    mutating func finishHead(_ p: UnsafeBufferPointer<UInt8>) throws(ParseError) -> RequestHead {
        let base = headerSectionStart ?? readIndex
        let end = builder.headers.fields.last.map { base + Int($0.valueEnd) } ?? base
        builder.headers.storage = Array(UnsafeBufferPointer(rebasing: p[base..<end]))
        headerSectionStart = nil
        let head = try builder.finish(limits: limits)
        builder = HeadBuilder()
        switch head.body {
        case .none: state = .endPending
        case .contentLength(let length): state = .fixedBody(remaining: length)
        case .chunked: state = .chunkSize
        }
        return head
    }

    /// Validates `name ":" OWS value OWS` and returns the name and trimmed value ranges.
    /// Rejects obs-fold (a line starting with whitespace), whitespace before the colon, and
    /// any byte outside the field-name or field-value grammar (NUL, bare CR, controls, DEL).
    func parseFieldLine(
        _ p: UnsafeBufferPointer<UInt8>, _ line: Range<Int>
    ) throws(ParseError) -> (name: Range<Int>, value: Range<Int>) {
        let end = line.upperBound
        var index = line.lowerBound
        if ByteClass.isWhitespace(p[index]) {
            throw .badRequest(.obsoleteLineFolding, "field line starts with whitespace (obs-fold)")
        }
        while index < end && ByteClass.isToken(p[index]) { index += 1 }
        guard index < end, p[index] == ByteClass.colon else {
            if index < end && ByteClass.isWhitespace(p[index]) {
                throw .badRequest(.whitespaceBeforeColon, "whitespace between field name and colon")
            }
            throw .badRequest(.invalidHeaderName, "malformed field name")
        }
        guard index > line.lowerBound else { throw .badRequest(.invalidHeaderName, "empty field name") }
        let name = line.lowerBound..<index

        index += 1
        while index < end && ByteClass.isWhitespace(p[index]) { index += 1 }
        let valueStart = index
        guard ByteScan.firstInvalidValueByte(p, from: index, end: end) == end else {
            throw .badRequest(.invalidHeaderValue, "invalid byte in field value")
        }
        var valueEnd = end
        while valueEnd > valueStart && ByteClass.isWhitespace(p[valueEnd - 1]) { valueEnd -= 1 }
        return (name, valueStart..<valueEnd)
    }
}
