/// Byte classes from RFC 9110/9112 grammar, as branch-light inline tests (no table in memory,
/// so no lazy global initialisation on the hot path). The token and field-value tests are
/// public (inlinable) for the upstream client, which checks the headers it writes.
public enum ByteClass {
    static let space: UInt8 = 0x20
    static let tab: UInt8 = 0x09
    static let cr: UInt8 = 0x0D
    static let lf: UInt8 = 0x0A
    static let colon: UInt8 = 0x3A
    static let comma: UInt8 = 0x2C
    static let semicolon: UInt8 = 0x3B

    /// `tchar` bitmap for bytes 0..<64 and 64..<128 (token characters of RFC 9110 §5.6.2).
    @usableFromInline static let tokenLow: UInt64 = 0x03FF_6CFA_0000_0000
    @usableFromInline static let tokenHigh: UInt64 = 0x57FF_FFFF_C7FF_FFFE

    /// Written to compile to conditional moves: no data-dependent branch per byte.
    @inlinable @inline(__always)
    public static func isToken(_ byte: UInt8) -> Bool {
        let bit = UInt64(1) &<< UInt64(byte & 63)
        let map = byte & 0x40 == 0 ? tokenLow : tokenHigh
        return (map & bit != 0) && byte < 0x80
    }

    /// Whitespace allowed around field values (OWS).
    @inline(__always)
    static func isWhitespace(_ byte: UInt8) -> Bool { byte == space || byte == tab }

    /// A byte allowed inside a field value: VCHAR, obs-text, SP or HTAB. Excludes NUL, CR, LF,
    /// the other controls and DEL.
    @inlinable @inline(__always)
    public static func isFieldValue(_ byte: UInt8) -> Bool {
        byte >= 0x20 ? byte != 0x7F : byte == 0x09
    }

    /// A byte allowed in a request target: visible ASCII only.
    @inline(__always)
    static func isTarget(_ byte: UInt8) -> Bool { byte &- 0x21 < 0x5E }

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }

    @inline(__always)
    static func isAlpha(_ byte: UInt8) -> Bool { (byte | 0x20) &- 0x61 < 26 }

    /// `1*DIGIT` at `range` as a number, or nil when empty, not all digits, or past `Int.max`.
    static func decimal(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        guard !range.isEmpty else { return nil }
        var value = 0
        for index in range {
            let byte = bytes[index]
            guard isDigit(byte) else { return nil }
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(Int(byte &- 0x30))
            guard !o1, !o2 else { return nil }
            value = sum
        }
        return value
    }

    /// The value of a hexadecimal digit, or nil.
    @inline(__always)
    static func hexValue(_ byte: UInt8) -> Int? {
        if byte &- 0x30 < 10 { return Int(byte &- 0x30) }
        let lower = byte | 0x20
        if lower &- 0x61 < 6 { return Int(lower &- 0x61 &+ 10) }
        return nil
    }

    /// ASCII case-insensitive comparison of validated bytes with a lowercase literal.
    /// Only sound for token or field-value bytes: folding with 0x20 could otherwise match
    /// a control byte against `-` or a digit.
    @inline(__always)
    static func equalsLowercase(
        _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ literal: StaticString
    ) -> Bool {
        guard range.count == literal.utf8CodeUnitCount else { return false }
        let lit = literal.utf8Start
        var i = 0
        for index in range {
            if bytes[index] | 0x20 != lit[i] | 0x20 { return false }
            i += 1
        }
        return true
    }
}
