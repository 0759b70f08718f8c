/// Incremental HTTP/1.1 request parser: feed it bytes, then pull events until `next()`
/// returns nil (it needs more bytes).
///
/// Several pipelined requests in one feed come out in order; the caller may stop pulling
/// after `.end` and the rest stays buffered (see `isBufferFull` for back-pressure). Body
/// events carry whatever body bytes are available, so their boundaries depend on how the
/// input was split; everything else does not.
///
/// Line ends are strict: every line must end in CRLF, a bare LF is rejected (400). After
/// `.error` the parser is dead: it ignores input and `next()` returns nil.
public struct RequestParser: Sendable {
    /// What the parser found next in the byte stream.
    public enum Event: Sendable, Equatable {
        case head(RequestHead)
        /// Body bytes (de-chunked), never empty.
        case body([UInt8])
        /// The current request is complete; the next event belongs to the next request.
        case end
        case error(ParseError)
    }

    enum State: Sendable, Equatable {
        case requestLine
        case headerLines
        case fixedBody(remaining: Int)
        case chunkSize
        case chunkData(remaining: Int)
        case chunkDataEnd
        case trailers
        case endPending
        case failed
    }

    public let limits: ParserLimits

    /// Unread bytes are `buffer[readIndex...]`.
    var buffer: [UInt8] = []
    var readIndex = 0
    /// Where the search for the current line's LF resumes, so a slowly arriving line is
    /// scanned once in total rather than once per feed.
    var scanIndex = 0
    var state: State = .requestLine
    var builder = HeadBuilder()
    /// Where the current head's header section starts in `buffer`; those bytes stay buffered
    /// until the head is complete so they can be copied into its `Headers` in one piece.
    var headerSectionStart: Int?
    /// De-chunked body bytes of the current request, against `maxBodyBytes`.
    var chunkedBodyBytes = 0
    var trailerBytes = 0
    var trailerCount = 0

    public init(limits: ParserLimits = ParserLimits()) {
        self.limits = limits
    }

    /// Bytes received and not yet turned into events.
    public var bufferedByteCount: Int { buffer.count - readIndex }

    /// True when the caller, if it is not pulling events, should stop reading the socket.
    public var isBufferFull: Bool { bufferedByteCount >= limits.maxBufferedBytes }

    public var hasFailed: Bool { state == .failed }

    /// True between requests with nothing buffered: no request has started.
    public var isIdle: Bool { state == .requestLine && readIndex == buffer.count }

    public mutating func feed(_ bytes: UnsafeRawBufferPointer) {
        guard state != .failed, !bytes.isEmpty else { return }
        let keepFrom = min(readIndex, headerSectionStart ?? readIndex)
        if keepFrom == buffer.count {
            if buffer.capacity > 4 * limits.maxBufferedBytes {
                buffer = []
            } else {
                buffer.removeAll(keepingCapacity: true)
            }
        } else if keepFrom > 0 {
            buffer.removeSubrange(0..<keepFrom)
        }
        readIndex -= keepFrom
        scanIndex = max(0, scanIndex - keepFrom)
        headerSectionStart = headerSectionStart.map { $0 - keepFrom }
        buffer.append(contentsOf: bytes)
    }

    public mutating func feed(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { feed($0) }
    }

    /// The next event, or nil when more bytes are needed (or the parser has failed).
    public mutating func next() -> Event? {
        switch state {
        case .failed:
            return nil
        case .endPending:
            finishRequest()
            return .end
        default:
            // A second reference keeps the storage alive and unchanged while we read it;
            // nothing below mutates `buffer`, so this never copies.
            let bytes = buffer
            return bytes.withUnsafeBufferPointer { step($0) }
        }
    }

    private mutating func step(_ p: UnsafeBufferPointer<UInt8>) -> Event? {
        do {
            while true {
                switch state {
                case .requestLine:
                    let budget = limits.maxRequestLineBytes + 2
                    guard let line = try nextLine(p, budget: budget, tooLong: .requestLineTooLong) else { return nil }
                    try parseRequestLine(p, line)
                case .headerLines:
                    let budget = limits.maxHeaderBytes - builder.headerBytes
                    guard let line = try nextLine(p, budget: budget, tooLong: .headersTooLarge) else { return nil }
                    builder.headerBytes += line.count + 2
                    if line.isEmpty { return .head(try finishHead(p)) }
                    try parseHeaderLine(p, line)
                case .fixedBody(let remaining):
                    guard let bytes = takeBody(p, upTo: remaining) else { return nil }
                    state = bytes.count == remaining ? .endPending : .fixedBody(remaining: remaining - bytes.count)
                    return .body(bytes)
                case .chunkSize:
                    let budget = ParserLimits.maxChunkLineBytes + 2
                    let tooLong = ParseError.badRequest(.chunkLineTooLong, "chunk-size line too long")
                    guard let line = try nextLine(p, budget: budget, tooLong: tooLong) else { return nil }
                    try parseChunkSizeLine(p, line)
                case .chunkData(let remaining):
                    guard let bytes = takeBody(p, upTo: remaining) else { return nil }
                    state = bytes.count == remaining ? .chunkDataEnd : .chunkData(remaining: remaining - bytes.count)
                    return .body(bytes)
                case .chunkDataEnd:
                    guard try consumeChunkTerminator(p) else { return nil }
                case .trailers:
                    let budget = limits.maxHeaderBytes - trailerBytes
                    guard let line = try nextLine(p, budget: budget, tooLong: .trailersTooLarge) else { return nil }
                    trailerBytes += line.count + 2
                    if line.isEmpty {
                        finishRequest()
                        return .end
                    }
                    try parseTrailerLine(p, line)
                case .endPending:
                    finishRequest()
                    return .end
                case .failed:
                    return nil
                }
            }
        } catch {
            state = .failed
            readIndex = p.count
            return .error(error)
        }
    }

    /// Finds the next CRLF-terminated line, consumes it and returns its content range.
    /// `budget` is the most bytes the line may take including its CRLF; the check runs on
    /// partial lines too, so the result never depends on where the input was split.
    private mutating func nextLine(
        _ p: UnsafeBufferPointer<UInt8>, budget: Int, tooLong: ParseError
    ) throws(ParseError) -> Range<Int>? {
        let end = p.count
        let index = ByteScan.firstLineFeed(p, from: max(scanIndex, readIndex), end: end)
        guard index < end else {
            scanIndex = end
            // The line will take at least one more byte (its LF).
            if end - readIndex >= budget { throw tooLong }
            return nil
        }
        if index + 1 - readIndex > budget { throw tooLong }
        guard index > readIndex, p[index - 1] == ByteClass.cr else { throw ParseError.bareLineFeed }
        let line = readIndex..<(index - 1)
        readIndex = index + 1
        scanIndex = readIndex
        return line
    }

    /// Up to `limit` available body bytes, consumed; nil when none are buffered.
    private mutating func takeBody(_ p: UnsafeBufferPointer<UInt8>, upTo limit: Int) -> [UInt8]? {
        let count = min(p.count - readIndex, limit)
        guard count > 0 else { return nil }
        let bytes = Array(UnsafeBufferPointer(rebasing: p[readIndex..<(readIndex + count)]))
        readIndex += count
        return bytes
    }

    private mutating func finishRequest() {
        state = .requestLine
        chunkedBodyBytes = 0
        trailerBytes = 0
        trailerCount = 0
    }
}
