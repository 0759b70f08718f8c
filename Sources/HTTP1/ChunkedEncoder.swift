/// Chunked transfer coding for response bodies (RFC 9112 §7.1).
public enum ChunkedEncoder {
    /// The last chunk with no trailers: ends a chunked body.
    public static let terminator: [UInt8] = Array("0\r\n\r\n".utf8)

    /// Appends one chunk (size line, data, CRLF). Empty input appends nothing: an empty chunk
    /// would end the body.
    public static func appendChunk(_ bytes: UnsafeRawBufferPointer, to buffer: inout [UInt8]) {
        guard !bytes.isEmpty else { return }
        buffer.reserveCapacity(buffer.count + bytes.count + 20)
        appendChunkHeader(count: bytes.count, to: &buffer)
        buffer.append(contentsOf: bytes)
        buffer.appendCRLF()
    }

    public static func appendChunk(_ bytes: [UInt8], to buffer: inout [UInt8]) {
        bytes.withUnsafeBytes { appendChunk($0, to: &buffer) }
    }

    /// One chunk as a new array.
    public static func chunk(_ bytes: [UInt8]) -> [UInt8] {
        var buffer: [UInt8] = []
        appendChunk(bytes, to: &buffer)
        return buffer
    }

    /// Appends only the size line of a chunk of `count` bytes. `count` must be > 0.
    public static func appendChunkHeader(count: Int, to buffer: inout [UInt8]) {
        withUnsafeTemporaryAllocation(byteCount: maxHeaderSize, alignment: 1) { head in
            buffer.append(contentsOf: head[..<chunkHeader(count: count, into: head)])
        }
    }

    /// Room `chunkHeader(count:into:)` may need: sixteen hex digits and CRLF.
    public static let maxHeaderSize = 18

    /// Writes the size line of a chunk of `count` bytes into `out` (at least `maxHeaderSize`
    /// bytes); returns its length. Gathered writes send it, then the data where it lies, then CRLF.
    public static func chunkHeader(count: Int, into out: UnsafeMutableRawBufferPointer) -> Int {
        let v = UInt(max(0, count))
        let digits = max(1, (UInt.bitWidth - v.leadingZeroBitCount + 3) / 4)
        for k in 0 ..< digits {
            let nibble = UInt8(truncatingIfNeeded: (v >> UInt(4 * (digits - 1 - k))) & 0xF)
            out[k] = nibble < 10 ? nibble &+ 0x30 : nibble &+ 0x57
        }
        out[digits] = ByteClass.cr
        out[digits + 1] = ByteClass.lf
        return digits + 2
    }
}
