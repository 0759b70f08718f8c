// A relay's fast path: a piece of the stream that is nothing but whole `data: …\n\n` blocks,
// the shape OpenAI-style servers send one token at a time, is read where it lies instead of
// being copied into the reader's buffer and out again as events.

extension SSEReader {
    /// No block is in progress: the next byte fed starts a new block (and the stream's start
    /// has been checked for a byte order mark).
    public var isBetweenBlocks: Bool { buffer.isEmpty && !pendingLF && bomChecked }

    /// The block at `start` when it is one `data:` line ended by LF and a blank line: the
    /// range of its data and the offset past the block. Nil for any other shape (comments,
    /// other fields, several data lines, CR line ends, or a block the piece does not finish),
    /// which `feed` must then read.
    public static func dataBlock(in bytes: UnsafeRawBufferPointer, at start: Int) -> (data: Range<Int>, end: Int)? {
        let count = bytes.count
        guard start + 5 <= count, UnsafeRawBufferPointer(rebasing: bytes[start ..< start + 5]).spells("data:") else { return nil }
        var valueStart = start + 5
        if valueStart < count && bytes[valueStart] == UInt8(ascii: " ") { valueStart += 1 }
        guard let lineEnd = lineBreak(in: bytes, from: valueStart), bytes[lineEnd] == 0x0A,
              lineEnd + 1 < count, bytes[lineEnd + 1] == 0x0A else { return nil }
        return (valueStart ..< lineEnd, lineEnd + 2)
    }

    /// Accounts for `count` bytes of whole blocks the caller read with `dataBlock` instead of
    /// feeding them; only valid while `isBetweenBlocks`.
    public mutating func skipWholeBlocks(count: Int) {
        consumed += count
    }
}
