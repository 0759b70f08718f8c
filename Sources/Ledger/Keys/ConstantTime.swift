/// Comparisons whose running time does not depend on the position of the first difference.
public enum ConstantTime {
    /// Equal length and bytes; only the lengths (which are public) may end the work early.
    @inline(never)
    public static func equal<A: Collection<UInt8>, B: Collection<UInt8>>(_ a: A, _ b: B) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for (x, y) in zip(a, b) { difference |= x ^ y }
        return difference == 0
    }

    @inline(never)
    public static func equal(_ a: KeyHash, _ b: KeyHash) -> Bool {
        ((a.w0 ^ b.w0) | (a.w1 ^ b.w1) | (a.w2 ^ b.w2) | (a.w3 ^ b.w3)) == 0
    }
}
