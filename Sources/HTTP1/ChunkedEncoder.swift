/// Chunked transfer coding for response bodies (RFC 9112 §7.1).
public enum ChunkedEncoder {
    /// The last chunk with no trailers: ends a chunked body.
    public static let terminator: [UInt8] = Array("0\r\n\r\n".utf8)

    /// The CRLF that follows each chunk's data.
    public static let dataTerminator: [UInt8] = [ByteClass.cr, ByteClass.lf]

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

    /// Appends only the size line of a chunk of `count` bytes, for writers that send the data
    /// from its own buffer (scatter/gather) followed by `dataTerminator`. `count` must be > 0.
    public static func appendChunkHeader(count: Int, to buffer: inout [UInt8]) {
        buffer.appendHex(count)
        buffer.appendCRLF()
    }
}
