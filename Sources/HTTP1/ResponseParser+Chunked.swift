/// Chunked framing (RFC 9112 §7.1) as a byte-at-a-time state machine: nothing is buffered,
/// so a size line, a data terminator or the trailer section may be split at any byte.
extension ResponseParser {
    /// Runs the framing states until chunk data, the end of the response, an error, or the
    /// end of `p`. Chunk data itself is taken a range at a time, never byte by byte.
    mutating func nextChunked(_ p: UnsafeBufferPointer<UInt8>, _ offset: inout Int) -> Event? {
        let end = p.count
        var index = offset
        defer { offset = index }
        while index < end {
            switch state {
            case .chunkData:
                return takeBody(end, &index, then: .chunkDataEnd)
            case .trailerLine:
                // Trailer fields are skipped unread; only their size is held to the limit.
                let lf = ByteScan.firstLineFeed(p, from: index, end: end)
                let stop = lf < end ? lf + 1 : end
                lineBytes += stop - index
                index = stop
                if lineBytes > maxHeadBytes { return fail(.headTooLarge) }
                if lf < end { state = .trailerLineStart }
            default:
                let byte = p[index]
                index += 1
                if let event = step(byte) { return event }
            }
        }
        return nil
    }

    /// One framing byte; returns `.end` or `.error` when the byte decides one.
    @inline(__always)
    private mutating func step(_ byte: UInt8) -> Event? {
        lineBytes += 1
        switch state {
        case .chunkSizeStart, .chunkSize, .chunkSizeEnd, .chunkExtension, .chunkSizeLineFeed:
            guard lineBytes <= ParserLimits.maxChunkLineBytes else { return fail(.invalidChunkSize) }
            return sizeLineStep(byte)
        case .chunkDataEnd:
            return lineEnd(byte, awaitingLineFeed: .chunkDataLineFeed, else: .invalidChunkData)
        case .chunkDataLineFeed:
            guard byte == ByteClass.lf else { return fail(.invalidChunkData) }
            lineEnded()
        case .trailerLineStart, .trailerLineFeed:
            guard lineBytes <= maxHeadBytes else { return fail(.headTooLarge) }
            if byte == ByteClass.lf {
                state = .done
                return .end
            }
            // A CR opening a line may begin the final CR LF; anything else begins a trailer.
            state = byte == ByteClass.cr && state == .trailerLineStart ? .trailerLineFeed : .trailerLine
        default:
            // `.chunkData` and `.trailerLine` are taken a run at a time by `nextChunked`.
            break
        }
        return nil
    }

    /// `*WS 1*HEXDIG *WS [";" extensions] (CRLF / LF)`. Extensions are skipped, but a control
    /// byte in them means the framing is off. `remaining` accumulates the size.
    @inline(__always)
    private mutating func sizeLineStep(_ byte: UInt8) -> Event? {
        if let digit = ByteClass.hexValue(byte), state == .chunkSizeStart || state == .chunkSize {
            // Below 2^58 before the shift keeps every accepted size below 2^62.
            guard remaining < 1 << 58 else { return fail(.invalidChunkSize) }
            remaining = remaining << 4 | digit
            state = .chunkSize
            return nil
        }
        switch state {
        case .chunkSizeStart:
            guard ByteClass.isWhitespace(byte) else { return fail(.invalidChunkSize) }
        case .chunkSize, .chunkSizeEnd:
            if ByteClass.isWhitespace(byte) {
                state = .chunkSizeEnd
            } else if byte == ByteClass.semicolon {
                state = .chunkExtension
            } else {
                return lineEnd(byte, awaitingLineFeed: .chunkSizeLineFeed, else: .invalidChunkSize)
            }
        case .chunkExtension:
            if byte == ByteClass.cr || byte == ByteClass.lf {
                return lineEnd(byte, awaitingLineFeed: .chunkSizeLineFeed, else: .invalidChunkSize)
            }
            guard ByteClass.isFieldValue(byte) else { return fail(.invalidChunkSize) }
        default:
            guard byte == ByteClass.lf else { return fail(.invalidChunkSize) }
            lineEnded()
        }
        return nil
    }

    /// The end of a size line or of chunk data: CR LF or a bare LF. A CR moves to
    /// `awaitingLineFeed`; any other byte fails with `error`.
    @inline(__always)
    private mutating func lineEnd(
        _ byte: UInt8, awaitingLineFeed: State, else error: ResponseParseError
    ) -> Event? {
        if byte == ByteClass.cr {
            state = awaitingLineFeed
            return nil
        }
        guard byte == ByteClass.lf else { return fail(error) }
        lineEnded()
        return nil
    }

    /// The LF of a size line or of chunk data: after data a size line follows; after a size
    /// line the data, or the trailer section once the size was 0.
    private mutating func lineEnded() {
        lineBytes = 0
        switch state {
        case .chunkDataEnd, .chunkDataLineFeed: state = .chunkSizeStart
        default: state = remaining == 0 ? .trailerLineStart : .chunkData
        }
    }
}
