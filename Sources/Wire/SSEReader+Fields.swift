// Field handling and dispatch for `SSEReader`, per the WHATWG "interpret an event stream" steps.

extension SSEReader {
    /// Applies one non-empty line of the block in progress.
    mutating func process(_ line: Range<Int>) {
        if buffer[line.lowerBound] == UInt8(ascii: ":") { return } // A comment.
        var nameEnd = line.upperBound
        var value = line.upperBound ..< line.upperBound
        if let colon = buffer[line].firstIndex(of: UInt8(ascii: ":")) {
            nameEnd = colon
            var valueStart = colon + 1
            if valueStart < line.upperBound && buffer[valueStart] == UInt8(ascii: " ") { valueStart += 1 }
            value = valueStart ..< line.upperBound
        }
        switch fieldName(line.lowerBound ..< nameEnd) {
        case .data:
            appendData(value)
        case .event:
            block.name = value.lowerBound - blockStart ..< value.upperBound - blockStart
        case .id:
            if !buffer[value].contains(0) { lastEventID = String(decoding: buffer[value], as: UTF8.self) }
        case .retry:
            if let ms = Self.parseRetry(buffer[value]) {
                retry = ms
                block.retry = ms
            }
        case nil:
            break // Unknown fields are ignored.
        }
    }

    private enum Field { case data, event, id, retry }

    private func fieldName(_ range: Range<Int>) -> Field? {
        buffer.withUnsafeBytes { raw in
            let name = UnsafeRawBufferPointer(rebasing: raw[range])
            switch name.count {
            case 4: return name.spells("data") ? .data : nil
            case 5: return name.spells("event") ? .event : name.spells("retry") ? .retry : nil
            case 2: return name.spells("id") ? .id : nil
            default: return nil
            }
        }
    }

    /// Adds one `data:` value; only a second line forces a copy, the first is sliced from the raw bytes.
    private mutating func appendData(_ value: Range<Int>) {
        switch block.dataLines {
        case 0:
            block.firstData = value.lowerBound - blockStart ..< value.upperBound - blockStart
        case 1:
            block.joinedData.append(contentsOf: buffer[block.firstData.lowerBound + blockStart ..< block.firstData.upperBound + blockStart])
            fallthrough
        default:
            block.joinedData.append(0x0A)
            block.joinedData.append(contentsOf: buffer[value])
        }
        block.dataLines += 1
    }

    /// Ends the block at `blockEnd` (just past its blank line); the next block starts there.
    mutating func dispatch(blockEnd: Int) -> SSEEvent? {
        let finished = block
        block = Block()
        let isEvent = finished.dataLines > 0
        var event: SSEEvent?
        if isEvent || reportsEmptyBlocks {
            let raw = Array(buffer[blockStart ..< blockEnd])
            let data: ArraySlice<UInt8> = switch finished.dataLines {
            case 0: []
            case 1: raw[finished.firstData]
            default: finished.joinedData[...]
            }
            event = SSEEvent(
                name: isEvent ? finished.name.flatMap { $0.isEmpty ? nil : String(decoding: raw[$0], as: UTF8.self) } : nil,
                data: data, lastEventID: lastEventID, retry: finished.retry, raw: raw,
                streamRange: consumed + blockStart ..< consumed + blockEnd, isEvent: isEvent
            )
        }
        blockStart = blockEnd
        return event
    }

    /// A `retry:` value: ASCII digits only, else the field is ignored.
    private static func parseRetry(_ digits: ArraySlice<UInt8>) -> Int? {
        guard !digits.isEmpty else { return nil }
        var value = 0
        for b in digits {
            guard JSONText.isDigit(b) else { return nil }
            let (shifted, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = shifted.addingReportingOverflow(Int(b &- UInt8(ascii: "0")))
            if o1 || o2 { return nil }
            value = sum
        }
        return value
    }
}
