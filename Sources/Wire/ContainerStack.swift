/// A fixed-size bit stack recording, per nesting level, whether the container is an object.
///
/// Four words bound the scanner's depth at 256 and keep the scanner free of heap storage.
struct ContainerStack {
    static let capacity = 256

    private var w0: UInt64 = 0
    private var w1: UInt64 = 0
    private var w2: UInt64 = 0
    private var w3: UInt64 = 0

    /// Records the container opened at `level` (0 for the outermost).
    @inline(__always)
    mutating func set(level: Int, isObject: Bool) {
        let bit: UInt64 = 1 << UInt64(level & 63)
        switch level >> 6 {
        case 0: w0 = isObject ? w0 | bit : w0 & ~bit
        case 1: w1 = isObject ? w1 | bit : w1 & ~bit
        case 2: w2 = isObject ? w2 | bit : w2 & ~bit
        default: w3 = isObject ? w3 | bit : w3 & ~bit
        }
    }

    @inline(__always)
    func isObject(level: Int) -> Bool {
        let word: UInt64
        switch level >> 6 {
        case 0: word = w0
        case 1: word = w1
        case 2: word = w2
        default: word = w3
        }
        return word & (1 << UInt64(level & 63)) != 0
    }
}
