/// Decodes the escapes of a JSON string's content (already validated by `JSONScanner`) to UTF-8.
///
/// Features are computed on the text a model sees, so `\n` must count as a newline and `\u4e2d`
/// as a CJK character. Output never exceeds input length (every escape shrinks), so a scratch
/// buffer of the raw length always suffices.
enum JSONStringUnescape {
    /// Writes the decoded bytes of `raw` to `out` and returns how many were written.
    static func unescape(_ raw: UnsafeRawBufferPointer, into out: UnsafeMutablePointer<UInt8>) -> Int {
        guard let base = raw.baseAddress else { return 0 }
        let p = base.assumingMemoryBound(to: UInt8.self)
        let count = raw.count
        var i = 0
        var n = 0
        while i < count {
            let b = p[i]
            guard b == UInt8(ascii: "\\"), i + 1 < count else {
                out[n] = b
                n += 1
                i += 1
                continue
            }
            let e = p[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "n"): out[n] = 0x0A
            case UInt8(ascii: "t"): out[n] = 0x09
            case UInt8(ascii: "r"): out[n] = 0x0D
            case UInt8(ascii: "b"): out[n] = 0x08
            case UInt8(ascii: "f"): out[n] = 0x0C
            case UInt8(ascii: "u"):
                var scalar = hex4(p, at: i, count: count)
                i += 4
                if scalar & 0xFC00 == 0xD800, i + 6 <= count, p[i] == UInt8(ascii: "\\"), p[i + 1] == UInt8(ascii: "u") {
                    let low = hex4(p, at: i + 2, count: count)
                    if low & 0xFC00 == 0xDC00 {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        i += 6
                    }
                }
                n += writeUTF8(scalar, to: out + n)
                continue
            default: out[n] = e
            }
            n += 1
        }
        return n
    }

    private static func hex4(_ p: UnsafePointer<UInt8>, at i: Int, count: Int) -> UInt32 {
        guard i + 4 <= count else { return 0xFFFD }
        var value: UInt32 = 0
        for k in 0 ..< 4 {
            let c = p[i + k]
            let digit: UInt8 = c &- UInt8(ascii: "0") < 10 ? c &- UInt8(ascii: "0") : (c | 0x20) &- UInt8(ascii: "a") &+ 10
            value = value << 4 | UInt32(digit & 0x0F)
        }
        return value
    }

    /// A lone surrogate becomes U+FFFD, which is 3 bytes like its 6-byte escape shrinks to.
    private static func writeUTF8(_ scalar: UInt32, to out: UnsafeMutablePointer<UInt8>) -> Int {
        var s = scalar
        if s & 0xF800 == 0xD800 { s = 0xFFFD }
        switch s {
        case 0 ..< 0x80:
            out[0] = UInt8(s)
            return 1
        case 0x80 ..< 0x800:
            out[0] = UInt8(0xC0 | s >> 6)
            out[1] = UInt8(0x80 | s & 0x3F)
            return 2
        case 0x800 ..< 0x10000:
            out[0] = UInt8(0xE0 | s >> 12)
            out[1] = UInt8(0x80 | (s >> 6) & 0x3F)
            out[2] = UInt8(0x80 | s & 0x3F)
            return 3
        default:
            out[0] = UInt8(0xF0 | s >> 18)
            out[1] = UInt8(0x80 | (s >> 12) & 0x3F)
            out[2] = UInt8(0x80 | (s >> 6) & 0x3F)
            out[3] = UInt8(0x80 | s & 0x3F)
            return 4
        }
    }
}
