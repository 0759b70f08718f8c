/// Word-at-a-time (SWAR) scans over buffered bytes: eight bytes per step on the long runs
/// (field values, line ends), with a byte loop for the remainder and any word that needs a
/// closer look.
enum ByteScan {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080
    private static let lineFeeds: UInt64 = ones &* UInt64(ByteClass.lf)
    private static let deletes: UInt64 = ones &* 0x7F

    /// True if some byte of `word` is zero (exact for the word as a whole).
    @inline(__always)
    static func hasZeroByte(_ word: UInt64) -> Bool { (word &- ones) & ~word & highBits != 0 }

    /// True if some byte of `word` is below `limit` (exact for the word; `limit` <= 128).
    @inline(__always)
    static func hasByte(_ word: UInt64, below limit: UInt8) -> Bool {
        (word &- ones &* UInt64(limit)) & ~word & highBits != 0
    }

    @inline(__always)
    static func word(_ p: UnsafeBufferPointer<UInt8>, at index: Int) -> UInt64 {
        UnsafeRawPointer(p.baseAddress!).loadUnaligned(fromByteOffset: index, as: UInt64.self)
    }

    /// The index of the first LF in `from..<end`, or `end`.
    @inline(__always)
    static func firstLineFeed(_ p: UnsafeBufferPointer<UInt8>, from: Int, end: Int) -> Int {
        var index = from
        while index + 8 <= end && !hasZeroByte(word(p, at: index) ^ lineFeeds) { index += 8 }
        while index < end && p[index] != ByteClass.lf { index += 1 }
        return index
    }

    /// The index of the first byte in `from..<end` that a field value may not hold, or `end`.
    @inline(__always)
    static func firstInvalidValueByte(_ p: UnsafeBufferPointer<UInt8>, from: Int, end: Int) -> Int {
        var index = from
        while index < end {
            if index + 8 <= end {
                let w = word(p, at: index)
                if !hasByte(w, below: 0x20) && !hasZeroByte(w ^ deletes) {
                    index += 8
                    continue
                }
            }
            // A control byte, DEL or HTAB somewhere in this word (or the tail): go bytewise.
            let stop = min(end, index + 8)
            while index < stop {
                if !ByteClass.isFieldValue(p[index]) { return index }
                index += 1
            }
        }
        return end
    }

    /// The index of the first byte in `from..<end` outside visible ASCII, or `end`.
    @inline(__always)
    static func firstNonTargetByte(_ p: UnsafeBufferPointer<UInt8>, from: Int, end: Int) -> Int {
        var index = from
        while index + 8 <= end {
            let w = word(p, at: index)
            if hasByte(w, below: 0x21) || w & highBits != 0 || hasZeroByte(w ^ deletes) { break }
            index += 8
        }
        while index < end && ByteClass.isTarget(p[index]) { index += 1 }
        return index
    }
}
