// Grammar pieces shared by the token-at-a-time walk (`next()`) and the fast skip, so both accept
// exactly the same documents and report the same errors.

extension JSONScanner {
    @inline(__always)
    func whitespaceEnd(from start: Int) -> Int {
        var p = start
        while p < count {
            let b = byte(p)
            guard b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 else { break }
            p += 1
        }
        return p
    }

    /// Reads `"key" :` at `start`; returns the offset past the key's quote and the offset past the colon.
    @inline(__always)
    mutating func keyEnd(at start: Int) throws(JSONError) -> (keyEnd: Int, afterColon: Int) {
        guard start < count else {
            throw JSONError(.unexpectedEnd, at: start, "input ends where a key was expected")
        }
        guard byte(start) == UInt8(ascii: "\"") else {
            throw JSONError(.unexpectedByte, at: start, "expected a string key")
        }
        let end = try scanString(openingQuote: start)
        let colon = whitespaceEnd(from: end)
        guard colon < count else {
            throw JSONError(.unexpectedEnd, at: colon, "input ends where ':' was expected")
        }
        guard byte(colon) == UInt8(ascii: ":") else {
            throw JSONError(.unexpectedByte, at: colon, "expected ':' after a key")
        }
        return (end, colon + 1)
    }

    /// Reads a string, number or literal at `start` (anything but a container).
    @inline(__always)
    mutating func scalarEnd(at start: Int) throws(JSONError) -> (end: Int, token: JSONToken) {
        guard start < count else {
            throw JSONError(.unexpectedEnd, at: start, "input ends where a value was expected")
        }
        switch byte(start) {
        case UInt8(ascii: "\""): return (try scanString(openingQuote: start), .string)
        case UInt8(ascii: "-"), UInt8(ascii: "0") ... UInt8(ascii: "9"): return (try scanNumber(from: start), .number)
        case UInt8(ascii: "t"): return (try scanLiteral("true", at: start), .true)
        case UInt8(ascii: "f"): return (try scanLiteral("false", at: start), .false)
        case UInt8(ascii: "n"): return (try scanLiteral("null", at: start), .null)
        default: throw JSONError(.unexpectedByte, at: start, "expected a value")
        }
    }

    static func tooDeep(at offset: Int) -> JSONError {
        JSONError(.tooDeep, at: offset, "nesting exceeds the depth limit")
    }

    /// The error for a byte (or the end) where `,` or the closing bracket should follow a value.
    static func afterValueError(at offset: Int, isObject: Bool, count: Int) -> JSONError {
        if offset >= count { return JSONError(.unexpectedEnd, at: offset, "input ends inside a container") }
        return isObject
            ? JSONError(.unexpectedByte, at: offset, "expected ',' or '}' after an object member")
            : JSONError(.unexpectedByte, at: offset, "expected ',' or ']' after an array element")
    }
}
