// Token lexing: strings (escapes, UTF-8), numbers and literals. Every function takes the offset of
// the token's first byte and returns the offset just past it, throwing at the first bad byte.

private let ones: UInt64 = 0x0101_0101_0101_0101
private let highs: UInt64 = 0x8080_8080_8080_8080

extension JSONScanner {
    /// Scans a string whose opening quote is at `openingQuote`; sets `stringHasEscapes`.
    @inline(__always)
    mutating func scanString(openingQuote: Int) throws(JSONError) -> Int {
        var i = openingQuote + 1
        var escaped = false
        while true {
            // Sixteen bytes a step, then eight, until one needs a look: quote, backslash,
            // control or non-ASCII.
            while i &+ 16 <= count {
                let a = Self.attentionMask(UInt64(littleEndian: base.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
                let b = Self.attentionMask(UInt64(littleEndian: base.loadUnaligned(fromByteOffset: i &+ 8, as: UInt64.self)))
                if a | b != 0 {
                    i &+= a != 0 ? a.trailingZeroBitCount >> 3 : 8 &+ b.trailingZeroBitCount >> 3
                    break
                }
                i &+= 16
            }
            while i &+ 8 <= count {
                let mask = Self.attentionMask(UInt64(littleEndian: base.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
                if mask != 0 {
                    i &+= mask.trailingZeroBitCount >> 3
                    break
                }
                i &+= 8
            }
            guard i < count else {
                throw JSONError(.unexpectedEnd, at: i, "input ends inside a string")
            }
            let b = byte(i)
            if b == UInt8(ascii: "\"") {
                stringHasEscapes = escaped
                return i + 1
            } else if b == UInt8(ascii: "\\") {
                escaped = true
                i = try scanEscape(at: i)
            } else if b < 0x20 {
                throw JSONError(.controlCharacter, at: i, "unescaped control character in a string")
            } else if b >= 0x80 {
                i = try scanMultibyte(at: i)
            } else {
                i += 1
            }
        }
    }

    /// Flags (high bit of each lane) bytes that are `"`, `\`, below 0x20, or 0x80 and above.
    ///
    /// The borrow tricks can flag false lanes only above a true one, so the lowest flag is exact.
    @inline(__always)
    static func attentionMask(_ w: UInt64) -> UInt64 {
        let quote = w ^ (ones &* 0x22)
        let backslash = w ^ (ones &* 0x5C)
        let hasQuote = (quote &- ones) & ~quote
        let hasBackslash = (backslash &- ones) & ~backslash
        // Below 0x20 borrows into the lane's high bit; 0x80 and above already has it set.
        let hasControlOrHigh = (w &- ones &* 0x20) | w
        return (hasQuote | hasBackslash | hasControlOrHigh) & highs
    }

    private func scanEscape(at i: Int) throws(JSONError) -> Int {
        guard i + 1 < count else {
            throw JSONError(.unexpectedEnd, at: i + 1, "input ends inside an escape")
        }
        switch byte(i + 1) {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
             UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            return i + 2
        case UInt8(ascii: "u"):
            // Lone surrogates pass: RFC 8259 §8.2 allows them in the grammar.
            for j in i + 2 ..< i + 6 {
                guard j < count else {
                    throw JSONError(.unexpectedEnd, at: j, "input ends inside a \\u escape")
                }
                guard JSONText.hexValue(byte(j)) != nil else {
                    throw JSONError(.invalidUnicodeEscape, at: j, "\\u must be followed by four hex digits")
                }
            }
            return i + 6
        default:
            throw JSONError(.invalidEscape, at: i, "invalid escape sequence")
        }
    }

    /// Validates one multi-byte UTF-8 sequence (RFC 3629: no overlongs, surrogates, or > U+10FFFF).
    private func scanMultibyte(at i: Int) throws(JSONError) -> Int {
        let lead = byte(i)
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2 ... 0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1 ... 0xEC, 0xEE ... 0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1 ... 0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default:
            throw JSONError(.invalidUTF8, at: i, "invalid UTF-8 lead byte in a string")
        }
        for j in i + 1 ..< i + length {
            guard j < count else {
                throw JSONError(.unexpectedEnd, at: j, "input ends inside a UTF-8 sequence")
            }
            let c = byte(j)
            let lo = j == i + 1 ? low : 0x80
            let hi = j == i + 1 ? high : 0xBF
            guard c >= lo && c <= hi else {
                throw JSONError(.invalidUTF8, at: i, "invalid UTF-8 sequence in a string")
            }
        }
        return i + length
    }

    /// Scans `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`; sets `numberIsInteger`.
    mutating func scanNumber(from start: Int) throws(JSONError) -> Int {
        var i = start
        if byte(i) == UInt8(ascii: "-") { i += 1 }
        guard i < count else {
            throw JSONError(.unexpectedEnd, at: i, "input ends inside a number")
        }
        let first = byte(i)
        if first == UInt8(ascii: "0") {
            i += 1
            if i < count && JSONText.isDigit(byte(i)) {
                throw JSONError(.leadingZero, at: i - 1, "numbers must not have leading zeros")
            }
        } else if JSONText.isDigit(first) {
            i = skipDigits(from: i + 1)
        } else {
            throw JSONError(.invalidNumber, at: i, "expected a digit")
        }
        var integer = true
        if i < count && byte(i) == UInt8(ascii: ".") {
            integer = false
            i = try requireDigits(from: i + 1, after: "'.'")
        }
        if i < count && (byte(i) | 0x20) == UInt8(ascii: "e") {
            integer = false
            i += 1
            if i < count && (byte(i) == UInt8(ascii: "+") || byte(i) == UInt8(ascii: "-")) { i += 1 }
            i = try requireDigits(from: i, after: "the exponent marker")
        }
        numberIsInteger = integer
        return i
    }

    @inline(__always)
    private func skipDigits(from start: Int) -> Int {
        var i = start
        while i < count && JSONText.isDigit(byte(i)) { i += 1 }
        return i
    }

    private func requireDigits(from i: Int, after what: StaticString) throws(JSONError) -> Int {
        guard i < count else {
            throw JSONError(.unexpectedEnd, at: i, "input ends inside a number")
        }
        guard JSONText.isDigit(byte(i)) else {
            throw JSONError(.invalidNumber, at: i, "expected a digit after \(what)")
        }
        return skipDigits(from: i + 1)
    }

    /// Matches `true`, `false` or `null` at `start`.
    func scanLiteral(_ literal: StaticString, at start: Int) throws(JSONError) -> Int {
        let n = literal.utf8CodeUnitCount
        let expected = literal.utf8Start
        for k in 0 ..< n {
            guard start + k < count else {
                throw JSONError(.unexpectedEnd, at: start + k, "input ends inside a literal")
            }
            guard byte(start + k) == expected[k] else {
                throw JSONError(.invalidLiteral, at: start, "expected true, false or null")
            }
        }
        return start + n
    }
}
