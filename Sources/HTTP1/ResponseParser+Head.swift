/// The response head: finding its end across reads, then validating it in one pass.
extension ResponseParser {
    /// Where the search for the head's final empty line stands at the end of the bytes seen.
    enum HeadScan: UInt8, Sendable {
        case inLine
        /// Just after an LF: another LF here ends the head.
        case lineStart
        /// Just after an LF and a CR: an LF here ends the head.
        case lineStartCR
    }

    /// What one complete head turned out to be.
    enum HeadOutcome {
        case final(ResponseHeadInfo)
        /// A 1xx head, already validated and dropped.
        case interim
        case failed(ResponseParseError)
    }

    /// Finds, buffers if it is split, and parses the next head; loops over interim heads.
    mutating func nextHead(_ p: UnsafeBufferPointer<UInt8>, _ offset: inout Int) -> Event? {
        while offset < p.count {
            started = true
            let start = offset
            // `headBuffer.count < maxHeadBytes` holds here: reaching it is an error below.
            let budget = maxHeadBytes - headBuffer.count
            let limit = budget < p.count - start ? start + budget : p.count
            guard let headEnd = scanHeadEnd(p, from: start, to: limit) else {
                // The head needs at least one more byte, so reaching the limit already exceeds it.
                if headBuffer.count + (limit - start) >= maxHeadBytes { return fail(.headTooLarge) }
                headBuffer.append(contentsOf: UnsafeBufferPointer(rebasing: p[start..<limit]))
                offset = limit
                return nil
            }
            let isHead = requestMethodIsHead
            let outcome: HeadOutcome
            if headBuffer.isEmpty {
                outcome = Self.parseHead(UnsafeBufferPointer(rebasing: p[start..<headEnd]), requestMethodIsHead: isHead)
            } else {
                headBuffer.append(contentsOf: UnsafeBufferPointer(rebasing: p[start..<headEnd]))
                outcome = headBuffer.withUnsafeBufferPointer { Self.parseHead($0, requestMethodIsHead: isHead) }
                headBuffer.removeAll(keepingCapacity: true)
            }
            offset = headEnd
            switch outcome {
            case .interim:
                continue
            case .failed(let error):
                return fail(error)
            case .final(let info):
                beginBody(info.framing)
                return .head(info)
            }
        }
        return nil
    }

    /// The index just past the LF of the head's final empty line (LF or CR LF) in
    /// `from..<end`, or nil. `headScan` carries the line state from one read to the next,
    /// so the end is found wherever the reads split it.
    mutating func scanHeadEnd(_ p: UnsafeBufferPointer<UInt8>, from: Int, to end: Int) -> Int? {
        var index = from
        var scan = headScan
        while index < end {
            switch scan {
            case .inLine:
                index = ByteScan.firstLineFeed(p, from: index, end: end)
                if index < end {
                    index += 1
                    scan = .lineStart
                }
            case .lineStart:
                let byte = p[index]
                index += 1
                if byte == ByteClass.lf {
                    headScan = .inLine
                    return index
                }
                scan = byte == ByteClass.cr ? .lineStartCR : .inLine
            case .lineStartCR:
                if p[index] == ByteClass.lf {
                    headScan = .inLine
                    return index + 1
                }
                scan = .inLine
            }
        }
        headScan = scan
        return nil
    }

    /// Validates a complete head, `p` being exactly its bytes up to the final empty line's LF.
    static func parseHead(_ p: UnsafeBufferPointer<UInt8>, requestMethodIsHead: Bool) -> HeadOutcome {
        do {
            return try parseHeadLines(p, requestMethodIsHead: requestMethodIsHead)
        } catch {
            return .failed(error)
        }
    }

    private static func parseHeadLines(
        _ p: UnsafeBufferPointer<UInt8>, requestMethodIsHead: Bool
    ) throws(ResponseParseError) -> HeadOutcome {
        let statusEnd = ByteScan.firstLineFeed(p, from: 0, end: p.count)
        let statusLine = 0..<(statusEnd > 0 && p[statusEnd - 1] == ByteClass.cr ? statusEnd - 1 : statusEnd)
        let (status, isHTTP11) = try parseStatusLine(p, statusLine)
        if status == 101 { throw .unexpectedUpgrade }

        var facts = ResponseHeadFacts(isHTTP11: isHTTP11)
        let blockStart = statusEnd + 1
        var lineStart = blockStart
        var bareLineFeeds = false
        while true {
            let lf = ByteScan.firstLineFeed(p, from: lineStart, end: p.count)
            // Unreachable while `scanHeadEnd` and this loop agree; guards the reads below.
            guard lf < p.count else { throw .invalidHeader }
            let hasCR = lf > lineStart && p[lf - 1] == ByteClass.cr
            let lineEnd = hasCR ? lf - 1 : lf
            if lineEnd == lineStart { break }
            if !hasCR { bareLineFeeds = true }
            try parseFieldLine(p, lineStart..<lineEnd, into: &facts)
            lineStart = lf + 1
        }
        if status < 200 { return .interim }

        let (framing, keepAlive) = try facts.decide(status: status, requestMethodIsHead: requestMethodIsHead)
        let block = blockStart..<lineStart
        let headerBlock = bareLineFeeds ? crlfBlock(p, block) : Array(UnsafeBufferPointer(rebasing: p[block]))
        return .final(ResponseHeadInfo(status: status, headerBlock: headerBlock, framing: framing, keepAlive: keepAlive))
    }

    /// `HTTP/1.x SP 3DIGIT [SP reason-phrase]`, the reason possibly empty or absent.
    /// Returns the status and whether the version is 1.1.
    private static func parseStatusLine(
        _ p: UnsafeBufferPointer<UInt8>, _ line: Range<Int>
    ) throws(ResponseParseError) -> (Int, Bool) {
        let s = line.lowerBound, end = line.upperBound
        guard line.count >= 12,
              p[s] == 0x48, p[s + 1] == 0x54, p[s + 2] == 0x54, p[s + 3] == 0x50, p[s + 4] == 0x2F,
              ByteClass.isDigit(p[s + 5]), p[s + 6] == 0x2E, ByteClass.isDigit(p[s + 7]),
              p[s + 8] == ByteClass.space,
              ByteClass.isDigit(p[s + 9]), ByteClass.isDigit(p[s + 10]), ByteClass.isDigit(p[s + 11]),
              line.count == 12 || p[s + 12] == ByteClass.space
        else { throw .invalidStatusLine }
        guard p[s + 5] == 0x31, p[s + 7] &- 0x30 <= 1 else { throw .unsupportedVersion }
        let status = Int(p[s + 9] &- 0x30) * 100 + Int(p[s + 10] &- 0x30) * 10 + Int(p[s + 11] &- 0x30)
        // RFC 9110 §15: codes outside 100...599 are invalid.
        guard (100...599).contains(status),
              ByteScan.firstInvalidValueByte(p, from: min(s + 13, end), end: end) == end
        else { throw .invalidStatusLine }
        return (status, p[s + 7] == 0x31)
    }

    /// `field-name ":" OWS field-value OWS`. A leading SP/HT (obs-fold), whitespace before the
    /// colon and non-token name bytes all stop the name short of the colon; a value may not
    /// hold NUL, CR, other controls or DEL, since the header block may be relayed.
    private static func parseFieldLine(
        _ p: UnsafeBufferPointer<UInt8>, _ line: Range<Int>, into facts: inout ResponseHeadFacts
    ) throws(ResponseParseError) {
        let end = line.upperBound
        var index = line.lowerBound
        while index < end && ByteClass.isToken(p[index]) { index += 1 }
        guard index > line.lowerBound, index < end, p[index] == ByteClass.colon else { throw .invalidHeader }
        let name = line.lowerBound..<index
        index += 1
        while index < end && ByteClass.isWhitespace(p[index]) { index += 1 }
        guard ByteScan.firstInvalidValueByte(p, from: index, end: end) == end else { throw .invalidHeader }
        var valueEnd = end
        while valueEnd > index && ByteClass.isWhitespace(p[valueEnd - 1]) { valueEnd -= 1 }
        facts.note(p, name: name, value: index..<valueEnd)
    }

    /// The lines of `block` (already validated), each given a CRLF end.
    private static func crlfBlock(_ p: UnsafeBufferPointer<UInt8>, _ block: Range<Int>) -> [UInt8] {
        var result: [UInt8] = []
        // Each line gains at most one CR, and a field line is at least three bytes (`a:` and its LF).
        result.reserveCapacity(block.count + block.count / 3 + 1)
        var lineStart = block.lowerBound
        while lineStart < block.upperBound {
            let lf = ByteScan.firstLineFeed(p, from: lineStart, end: block.upperBound)
            let lineEnd = lf > lineStart && p[lf - 1] == ByteClass.cr ? lf - 1 : lf
            result.append(contentsOf: UnsafeBufferPointer(rebasing: p[lineStart..<lineEnd]))
            result.append(ByteClass.cr)
            result.append(ByteClass.lf)
            lineStart = lf + 1
        }
        return result
    }
}
