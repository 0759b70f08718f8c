// Building a `JSONValue` from bytes on top of `JSONScanner`, which does all lexing and validation.

extension JSONValue {
    /// Parses exactly one JSON value (any kind at the top level) from `bytes`.
    /// Duplicate keys keep the last value at the first key's position.
    public static func parse(_ bytes: UnsafeRawBufferPointer, maxDepth: Int = JSONScanner.defaultMaxDepth)
        throws(JSONError) -> JSONValue {
        var scanner = JSONScanner(bytes, maxDepth: maxDepth)
        let value = try build(try scanner.next(), &scanner)
        _ = try scanner.next() // Throws unless only whitespace follows.
        return value
    }

    /// `parse` over an array's bytes.
    public static func parse(_ bytes: [UInt8]) throws(JSONError) -> JSONValue {
        try withBytes(bytes) { (raw) throws(JSONError) in try parse(raw) }
    }

    /// `parse` over an array slice's bytes.
    public static func parse(_ bytes: ArraySlice<UInt8>) throws(JSONError) -> JSONValue {
        try withBytes(bytes) { (raw) throws(JSONError) in try parse(raw) }
    }

    /// `parse` over a string's UTF-8.
    public static func parse(_ text: String) throws(JSONError) -> JSONValue {
        try parse(Array(text.utf8))
    }

    /// Builds the value that starts with `token`; recursion is bounded by the scanner's depth limit.
    private static func build(_ token: JSONToken, _ scanner: inout JSONScanner) throws(JSONError) -> JSONValue {
        switch token {
        case .objectStart:
            var object = JSONObject()
            while try scanner.next() == .key {
                let key = scanner.decodedString()
                object[key] = try build(try scanner.next(), &scanner)
            }
            return .object(object)
        case .arrayStart:
            var elements: [JSONValue] = []
            var next = try scanner.next()
            while next != .arrayEnd {
                elements.append(try build(next, &scanner))
                next = try scanner.next()
            }
            return .array(elements)
        case .string:
            return .string(scanner.decodedString())
        case .number:
            let int = scanner.intValue()
            return .number(JSONNumber(int: int, double: int.map(Double.init) ?? scanner.doubleValue()))
        case .true:
            return .bool(true)
        case .false:
            return .bool(false)
        case .null:
            return .null
        case .objectEnd, .arrayEnd, .key, .end:
            preconditionFailure("JSONScanner yields a value token here")
        }
    }
}
