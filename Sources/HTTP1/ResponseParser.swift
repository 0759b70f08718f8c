/// Incremental HTTP/1.1 response parser for an upstream connection, driven once per socket read.
///
/// Body bytes are not copied: `.body` carries a range into the buffer passed to that `next`
/// call, valid as long as the caller's buffer is. Only the head (status line and header
/// lines, which may arrive split over reads) is copied, into one buffer reused across
/// responses; a head that arrives whole in one read is parsed in place.
///
/// Interim 1xx heads are skipped. Line ends may be CRLF or bare LF, as real servers send
/// both. The events of a response never depend on how its bytes were split across reads,
/// except that body ranges end where a read or a chunk ends.
public struct ResponseParser: Sendable {
    /// What the parser found next.
    public enum Event: Sendable, Equatable {
        /// The final (non-1xx) response head is complete.
        case head(ResponseHeadInfo)
        /// Body bytes (de-chunked) at these indices of the buffer passed to `next`; never empty.
        case body(Range<Int>)
        /// The response is complete.
        case end
        case error(ResponseParseError)
    }

    enum State: UInt8, Sendable {
        case head
        case lengthBody
        case untilClose
        /// Before the first hex digit of a chunk-size line (leading whitespace is skipped).
        case chunkSizeStart
        case chunkSize
        /// Whitespace after the size digits; only `;` or the line end may follow.
        case chunkSizeEnd
        case chunkExtension
        /// A CR ended the size line; the LF must follow.
        case chunkSizeLineFeed
        case chunkData
        /// Chunk data is complete; CR LF or a bare LF must follow.
        case chunkDataEnd
        case chunkDataLineFeed
        /// At the start of a trailer line: an empty line ends the response.
        case trailerLineStart
        case trailerLine
        /// A CR opened a trailer line; an LF now makes it the final empty line.
        case trailerLineFeed
        /// The response is complete and `.end` is still to be returned.
        case endPending
        case done
        case failed
    }

    /// The most bytes of one head (status line, header lines and the final empty line), and
    /// of one trailer section.
    public let maxHeadBytes: Int

    var state: State = .head
    var requestMethodIsHead = false
    var started = false
    /// The part of a head received in earlier reads; empty between heads.
    var headBuffer: [UInt8] = []
    var headScan: HeadScan = .inLine
    /// Body bytes still due in `.lengthBody` and `.chunkData`; the chunk size being read in
    /// the size-line states. Zero whenever a chunk-size line begins.
    var remaining = 0
    /// Bytes of the current chunk-size line, or of the trailer section so far.
    var lineBytes = 0

    public init(maxHeadBytes: Int = 64 * 1024) {
        self.maxHeadBytes = max(0, maxHeadBytes)
    }

    /// Prepares for the next response on the same connection. `requestMethodIsHead`: a response to HEAD has no body.
    public mutating func reset(requestMethodIsHead: Bool = false) {
        self.requestMethodIsHead = requestMethodIsHead
        state = .head
        started = false
        headBuffer.removeAll(keepingCapacity: true)
        headScan = .inLine
        remaining = 0
        lineBytes = 0
    }

    /// True once any byte of the current response was consumed.
    public var hasStarted: Bool { started }

    /// Parses `bytes[offset...]`, advancing `offset` past what it consumed, and returns the next event,
    /// or nil when every byte is consumed and more input is needed. Call repeatedly until nil.
    /// After `.end`, the parser consumes nothing more (returns nil with offset unchanged) until `reset`;
    /// the caller treats leftover bytes as a protocol error of the connection (not the parser's concern).
    /// After `.error` the parser is dead: returns nil forever (until reset).
    public mutating func next(_ bytes: UnsafeRawBufferPointer, offset: inout Int) -> Event? {
        precondition(offset >= 0 && offset <= bytes.count, "offset outside the buffer")
        // Socket reads land in byte buffers, so viewing them as UInt8 is sound.
        let p = bytes.assumingMemoryBound(to: UInt8.self)
        switch state {
        case .head:
            return nextHead(p, &offset)
        case .lengthBody:
            return takeBody(p.count, &offset, then: .endPending)
        case .chunkData:
            return takeBody(p.count, &offset, then: .chunkDataEnd)
        case .untilClose:
            guard offset < p.count else { return nil }
            defer { offset = p.count }
            return .body(offset..<p.count)
        case .endPending:
            state = .done
            return .end
        case .done, .failed:
            return nil
        case .chunkSizeStart, .chunkSize, .chunkSizeEnd, .chunkExtension, .chunkSizeLineFeed,
             .chunkDataEnd, .chunkDataLineFeed, .trailerLineStart, .trailerLine, .trailerLineFeed:
            return nextChunked(p, &offset)
        }
    }

    /// The peer closed the connection. Returns `.end` for a close-delimited body in progress
    /// (or one whose head just completed), `.error(truncated)` if a head, a Content-Length body or a
    /// chunked body was cut short, and nil when no response had started (nothing received since reset) or it already ended.
    public mutating func eof() -> Event? {
        switch state {
        case .head where !started, .done, .failed:
            return nil
        case .untilClose, .endPending:
            state = .done
            return .end
        default:
            return fail(.truncated)
        }
    }

    /// Up to `remaining` body bytes from `offset`, entering `next` once the last is taken.
    @inline(__always)
    mutating func takeBody(_ end: Int, _ offset: inout Int, then next: State) -> Event? {
        let count = min(end - offset, remaining)
        guard count > 0 else { return nil }
        let range = offset..<(offset + count)
        offset += count
        remaining -= count
        if remaining == 0 { state = next }
        return .body(range)
    }

    mutating func beginBody(_ framing: ResponseHeadInfo.Framing) {
        switch framing {
        case .none:
            state = .endPending
        case .length(let length):
            remaining = length
            state = length == 0 ? .endPending : .lengthBody
        case .chunked:
            remaining = 0
            lineBytes = 0
            state = .chunkSizeStart
        case .untilClose:
            state = .untilClose
        }
    }

    mutating func fail(_ error: ResponseParseError) -> Event {
        state = .failed
        headBuffer.removeAll(keepingCapacity: true)
        return .error(error)
    }
}
