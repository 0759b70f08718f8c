/// The comma-separated elements of a field value, trimmed of whitespace; empty elements are
/// returned too (as empty ranges), for the fields where one is an error. Request and response
/// heads both split their list fields with it.
struct ListElements {
    private let p: UnsafeBufferPointer<UInt8>
    private let end: Int
    /// Start of the next element; past `end` once the last one was returned.
    private var start: Int

    init(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
        self.p = p
        end = range.upperBound
        start = range.lowerBound
    }

    @inline(__always)
    mutating func next() -> Range<Int>? {
        guard start <= end else { return nil }
        var upper = start
        while upper < end && p[upper] != ByteClass.comma { upper += 1 }
        var lower = start
        start = upper + 1
        while lower < upper && ByteClass.isWhitespace(p[lower]) { lower += 1 }
        while upper > lower && ByteClass.isWhitespace(p[upper - 1]) { upper -= 1 }
        return lower..<upper
    }
}
