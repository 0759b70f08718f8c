/// Chunked body framing (RFC 9112 §7.1): size lines, data terminators and trailers.
extension RequestParser {
    /// `1*HEXDIG [ BWS ";" extensions ]`; extensions are checked for stray control bytes and
    /// otherwise ignored. The cumulative body size is checked before any data is accepted.
    mutating func parseChunkSizeLine(_ p: UnsafeBufferPointer<UInt8>, _ line: Range<Int>) throws(ParseError) {
        let end = line.upperBound
        var index = line.lowerBound
        var size = 0
        while index < end, let digit = ByteClass.hexValue(p[index]) {
            guard size <= Int.max >> 4 else { throw .badRequest(.invalidChunkSize, "chunk size overflows") }
            size = size << 4 | digit
            index += 1
        }
        guard index > line.lowerBound else { throw .badRequest(.invalidChunkSize, "malformed chunk size") }
        let digitsEnd = index
        while index < end && ByteClass.isWhitespace(p[index]) { index += 1 }
        if index < end || index > digitsEnd {
            // Whitespace is allowed only before an extension's ";" (BWS).
            guard index < end, p[index] == ByteClass.semicolon else {
                throw .badRequest(.invalidChunkSize, "malformed chunk size")
            }
            while index < end {
                guard ByteClass.isFieldValue(p[index]) else {
                    throw .badRequest(.invalidChunkSize, "invalid byte in chunk extension")
                }
                index += 1
            }
        }

        if size == 0 {
            state = .trailers
            return
        }
        guard size <= limits.maxBodyBytes - chunkedBodyBytes else { throw ParseError.bodyTooLarge }
        chunkedBodyBytes += size
        state = .chunkData(remaining: size)
    }

    /// The CRLF after chunk data. Returns false when more bytes are needed.
    mutating func consumeChunkTerminator(_ p: UnsafeBufferPointer<UInt8>) throws(ParseError) -> Bool {
        let available = p.count - readIndex
        guard available > 0 else { return false }
        let invalid = ParseError.badRequest(.invalidChunkTerminator, "chunk data not followed by CRLF")
        guard p[readIndex] == ByteClass.cr else { throw invalid }
        guard available > 1 else { return false }
        guard p[readIndex + 1] == ByteClass.lf else { throw invalid }
        readIndex += 2
        state = .chunkSize
        return true
    }

    /// Trailer fields are validated like header fields, counted against the header limits,
    /// and discarded.
    mutating func parseTrailerLine(_ p: UnsafeBufferPointer<UInt8>, _ line: Range<Int>) throws(ParseError) {
        trailerCount += 1
        if trailerCount > limits.maxHeaderCount { throw ParseError.tooManyHeaders }
        _ = try parseFieldLine(p, line)
    }
}
