/// Decoding of already-validated token bytes: string unescaping and number conversion.
///
/// Every function assumes its input passed `JSONScanner`; none re-checks the grammar.
enum JSONText {
    @inline(__always)
    static func isDigit(_ b: UInt8) -> Bool { b &- UInt8(ascii: "0") < 10 }

    @inline(__always)
    static func hexValue(_ b: UInt8) -> UInt32? {
        switch b {
        case UInt8(ascii: "0") ... UInt8(ascii: "9"): UInt32(b &- UInt8(ascii: "0"))
        case UInt8(ascii: "a") ... UInt8(ascii: "f"): UInt32(b &- UInt8(ascii: "a") &+ 10)
        case UInt8(ascii: "A") ... UInt8(ascii: "F"): UInt32(b &- UInt8(ascii: "A") &+ 10)
        default: nil
        }
    }

    /// Byte equality of two short runs, a word at a time (keys are compared per member).
    @inline(__always)
    static func equal(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, count: Int) -> Bool {
        var i = 0
        while i &+ 8 <= count {
            guard a.loadUnaligned(fromByteOffset: i, as: UInt64.self) == b.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            else { return false }
            i &+= 8
        }
        while i < count {
            guard a.load(fromByteOffset: i, as: UInt8.self) == b.load(fromByteOffset: i, as: UInt8.self) else { return false }
            i &+= 1
        }
        return true
    }

    /// Decodes a string's content (between the quotes) into a Swift `String`.
    static func string(_ content: UnsafeRawBufferPointer, hasEscapes: Bool) -> String {
        guard hasEscapes else { return String(decoding: content, as: UTF8.self) }
        // Decoded text is never longer than its escaped form.
        return String(unsafeUninitializedCapacity: content.count) { out in
            unescape(content, into: UnsafeMutableRawPointer(out.baseAddress!))
        }
    }

    /// Writes the unescaped UTF-8 of `content` to `out` (room for `content.count` bytes); returns
    /// the number written. A `\u` surrogate that is not half of a pair becomes U+FFFD.
    static func unescape(_ content: UnsafeRawBufferPointer, into out: UnsafeMutableRawPointer) -> Int {
        var i = 0
        var n = 0
        let count = content.count
        while i < count {
            let b = content[i]
            guard b == UInt8(ascii: "\\") else {
                out.storeBytes(of: b, toByteOffset: n, as: UInt8.self)
                n += 1
                i += 1
                continue
            }
            let e = content[i + 1]
            i += 2
            let simple: UInt8
            switch e {
            case UInt8(ascii: "b"): simple = 0x08
            case UInt8(ascii: "f"): simple = 0x0C
            case UInt8(ascii: "n"): simple = 0x0A
            case UInt8(ascii: "r"): simple = 0x0D
            case UInt8(ascii: "t"): simple = 0x09
            case UInt8(ascii: "u"):
                var scalar = hex4(content, at: i)
                i += 4
                if scalar & 0xFC00 == 0xD800, i + 6 <= count,
                   content[i] == UInt8(ascii: "\\"), content[i + 1] == UInt8(ascii: "u") {
                    let low = hex4(content, at: i + 2)
                    if low & 0xFC00 == 0xDC00 {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        i += 6
                    }
                }
                if scalar & 0xF800 == 0xD800 { scalar = 0xFFFD }
                n += writeUTF8(scalar, to: out + n)
                continue
            default: simple = e // `"`, `\` and `/` stand for themselves.
            }
            out.storeBytes(of: simple, toByteOffset: n, as: UInt8.self)
            n += 1
        }
        return n
    }

    @inline(__always)
    private static func hex4(_ p: UnsafeRawBufferPointer, at i: Int) -> UInt32 {
        var v: UInt32 = 0
        for k in i ..< i + 4 { v = v << 4 | (hexValue(p[k]) ?? 0) }
        return v
    }

    /// Encodes a scalar value (not a surrogate) as UTF-8; returns the byte count.
    static func writeUTF8(_ scalar: UInt32, to out: UnsafeMutableRawPointer) -> Int {
        switch scalar {
        case 0 ..< 0x80:
            out.storeBytes(of: UInt8(scalar), as: UInt8.self)
            return 1
        case 0x80 ..< 0x800:
            out.storeBytes(of: UInt8(0xC0 | scalar >> 6), as: UInt8.self)
            out.storeBytes(of: UInt8(0x80 | scalar & 0x3F), toByteOffset: 1, as: UInt8.self)
            return 2
        case 0x800 ..< 0x10000:
            out.storeBytes(of: UInt8(0xE0 | scalar >> 12), as: UInt8.self)
            out.storeBytes(of: UInt8(0x80 | scalar >> 6 & 0x3F), toByteOffset: 1, as: UInt8.self)
            out.storeBytes(of: UInt8(0x80 | scalar & 0x3F), toByteOffset: 2, as: UInt8.self)
            return 3
        default:
            out.storeBytes(of: UInt8(0xF0 | scalar >> 18), as: UInt8.self)
            out.storeBytes(of: UInt8(0x80 | scalar >> 12 & 0x3F), toByteOffset: 1, as: UInt8.self)
            out.storeBytes(of: UInt8(0x80 | scalar >> 6 & 0x3F), toByteOffset: 2, as: UInt8.self)
            out.storeBytes(of: UInt8(0x80 | scalar & 0x3F), toByteOffset: 3, as: UInt8.self)
            return 4
        }
    }

    /// The value of an integer token, or nil when it does not fit in `Int`.
    static func int(_ token: UnsafeRawBufferPointer) -> Int? {
        var i = 0
        let negative = token[0] == UInt8(ascii: "-")
        if negative { i = 1 }
        var value = 0
        while i < token.count {
            let digit = Int(token[i] &- UInt8(ascii: "0"))
            let (shifted, o1) = value.multipliedReportingOverflow(by: 10)
            // Accumulate negatively so Int.min is representable.
            let (next, o2) = shifted.subtractingReportingOverflow(digit)
            if o1 || o2 { return nil }
            value = next
            i += 1
        }
        if negative { return value }
        return value == .min ? nil : -value
    }

    /// The nearest `Double` to a number token (infinite when out of range).
    static func double(_ token: UnsafeRawBufferPointer, isInteger: Bool) -> Double {
        if isInteger, let v = int(token), v.magnitude <= 1 << 53 { return Double(v) }
        return Double(String(decoding: token, as: UTF8.self)) ?? .nan
    }
}
