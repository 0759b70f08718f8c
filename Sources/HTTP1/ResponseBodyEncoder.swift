/// Frames response body bytes for the framing the head was encoded with.
///
/// With `.contentLength` it keeps count: bytes past the declared length are dropped and
/// reported by `hasOverrun`, because sending them would corrupt the next response on the
/// connection; the caller should then close it.
public struct ResponseBodyEncoder: Sendable {
    public let framing: ResponseFraming
    /// Bytes still owed under `.contentLength`; nil for other framings.
    public private(set) var remaining: Int?
    public private(set) var hasOverrun = false

    public init(framing: ResponseFraming) {
        self.framing = framing
        if case .contentLength(let length) = framing { remaining = max(0, length) }
    }

    /// True when the connection must close after the body (close-delimited framing).
    public var closesConnection: Bool { framing.closesConnection }

    public mutating func encode(_ bytes: UnsafeRawBufferPointer, into buffer: inout [UInt8]) {
        switch framing {
        case .chunked:
            ChunkedEncoder.appendChunk(bytes, to: &buffer)
        case .closeDelimited:
            buffer.append(contentsOf: bytes)
        case .contentLength:
            let owed = remaining ?? 0
            let count = min(owed, bytes.count)
            if count < bytes.count { hasOverrun = true }
            buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[..<count]))
            remaining = owed - count
        case .noBody:
            if !bytes.isEmpty { hasOverrun = true }
        }
    }

    public mutating func encode(_ bytes: [UInt8], into buffer: inout [UInt8]) {
        bytes.withUnsafeBytes { encode($0, into: &buffer) }
    }

    /// Appends what ends the body: the zero chunk for chunked framing, nothing otherwise.
    public func finish(into buffer: inout [UInt8]) {
        if framing == .chunked { buffer.append(contentsOf: ChunkedEncoder.terminator) }
    }
}
