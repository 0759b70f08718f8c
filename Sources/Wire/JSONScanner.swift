/// A strict RFC 8259 pull scanner over borrowed bytes: yields tokens and validates as it goes.
///
/// Hand-written for the hot path: `JSONSerialization` costs 30–40 µs on a 2 KiB request, a single
/// byte pass about 1 µs. The scanner borrows `bytes`, so it must not outlive the buffer it reads
/// (use it inside `withUnsafeBytes`). After `next()` throws, the scanner must not be used again.
public struct JSONScanner {
    /// The nesting limit used unless the caller picks another.
    public static let defaultMaxDepth = 128

    public let bytes: UnsafeRawBufferPointer
    /// Containers may nest this deep; one more open bracket throws `tooDeep`.
    public let maxDepth: Int
    /// Offset of the last token's first byte (the opening quote for strings and keys).
    public internal(set) var tokenStart = 0
    /// Offset just past the last token (past the closing quote for strings and keys).
    public internal(set) var tokenEnd = 0
    /// Open containers after the last token: 1 inside the top-level object.
    public internal(set) var depth = 0
    /// Whether the last string or key holds backslash escapes and so must be decoded, not copied.
    public internal(set) var stringHasEscapes = false
    /// Whether the last number has neither a fraction nor an exponent.
    public internal(set) var numberIsInteger = false

    /// `bytes` as a never-nil base and a count, so hot loops skip optional and bounds checks;
    /// every read is guarded by `< count`.
    let base: UnsafeRawPointer
    let count: Int
    var position = 0
    var state = State.value
    var stack = ContainerStack()

    enum State: UInt8 {
        case value, firstMember, firstElement, afterValue, finished
    }

    public init(_ bytes: UnsafeRawBufferPointer, maxDepth: Int = JSONScanner.defaultMaxDepth) {
        precondition(maxDepth >= 1 && maxDepth <= ContainerStack.capacity, "maxDepth must be 1...256")
        self.bytes = bytes
        self.maxDepth = maxDepth
        // An empty buffer may have no address; the placeholder is never read since `count` is 0.
        base = bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!
        count = bytes.count
    }

    @inline(__always)
    func byte(_ offset: Int) -> UInt8 { base.load(fromByteOffset: offset, as: UInt8.self) }

    /// Reads the next token, validating everything up to and including it.
    public mutating func next() throws(JSONError) -> JSONToken {
        skipWhitespace()
        switch state {
        case .value:
            return try readValue()
        case .firstMember:
            if position < count && byte(position) == UInt8(ascii: "}") { return close(.objectEnd) }
            return try readKey()
        case .firstElement:
            if position < count && byte(position) == UInt8(ascii: "]") { return close(.arrayEnd) }
            return try readValue()
        case .afterValue:
            return try readAfterValue()
        case .finished:
            return .end
        }
    }

    /// Consumes the value that begins with `token` (already returned by `next()`).
    @inline(__always)
    public mutating func skipValue(startingWith token: JSONToken) throws(JSONError) {
        if token == .objectStart || token == .arrayStart { try skipContainer() }
    }

    /// Checks that `bytes` is exactly one JSON object surrounded by optional whitespace, showing
    /// `watch` every member on the way, at any depth.
    public static func validateObject<W: MemberWatch>(_ bytes: UnsafeRawBufferPointer, watching watch: inout W) throws(JSONError) {
        var scanner = JSONScanner(bytes)
        guard try scanner.next() == .objectStart else {
            throw JSONError(.notAnObject, at: scanner.tokenStart, "expected a JSON object")
        }
        try scanner.skipContainer(watching: &watch)
        _ = try scanner.next() // Throws unless only whitespace follows.
    }

    /// Checks that `bytes` is exactly one JSON value (of any kind) surrounded by optional whitespace.
    public static func validate(_ bytes: UnsafeRawBufferPointer, maxDepth: Int = defaultMaxDepth) throws(JSONError) {
        var scanner = JSONScanner(bytes, maxDepth: maxDepth)
        // The container fast path accepts and rejects exactly what `next()` does, in one loop.
        try scanner.skipValue(startingWith: try scanner.next())
        _ = try scanner.next() // Throws unless only whitespace follows.
    }

    /// `validate` over an array's bytes.
    public static func validate(_ bytes: [UInt8], maxDepth: Int = defaultMaxDepth) throws(JSONError) {
        try withBytes(bytes) { (raw) throws(JSONError) in try validate(raw, maxDepth: maxDepth) }
    }

    // MARK: - Structure, one token at a time

    @inline(__always)
    mutating func skipWhitespace() {
        position = whitespaceEnd(from: position)
    }

    @inline(__always)
    private mutating func close(_ token: JSONToken) -> JSONToken {
        tokenStart = position
        position += 1
        tokenEnd = position
        depth -= 1
        state = .afterValue
        return token
    }

    @inline(__always)
    private mutating func open(_ token: JSONToken, isObject: Bool) throws(JSONError) -> JSONToken {
        guard depth < maxDepth else { throw Self.tooDeep(at: position) }
        stack.set(level: depth, isObject: isObject)
        depth += 1
        tokenStart = position
        position += 1
        tokenEnd = position
        state = isObject ? .firstMember : .firstElement
        return token
    }

    @inline(__always)
    private mutating func readAfterValue() throws(JSONError) -> JSONToken {
        if depth == 0 {
            guard position == count else {
                throw JSONError(.trailingData, at: position, "unexpected data after the top-level value")
            }
            tokenStart = position
            tokenEnd = position
            state = .finished
            return .end
        }
        let isObject = stack.isObject(level: depth - 1)
        guard position < count else { throw Self.afterValueError(at: position, isObject: isObject, count: count) }
        let b = byte(position)
        if b == UInt8(ascii: ",") {
            position = whitespaceEnd(from: position + 1)
            return isObject ? try readKey() : try readValue()
        }
        if b == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
            return close(isObject ? .objectEnd : .arrayEnd)
        }
        throw Self.afterValueError(at: position, isObject: isObject, count: count)
    }

    @inline(__always)
    private mutating func readKey() throws(JSONError) -> JSONToken {
        tokenStart = position
        (tokenEnd, position) = try keyEnd(at: position)
        state = .value
        return .key
    }

    @inline(__always)
    private mutating func readValue() throws(JSONError) -> JSONToken {
        if position < count {
            let b = byte(position)
            if b == UInt8(ascii: "{") { return try open(.objectStart, isObject: true) }
            if b == UInt8(ascii: "[") { return try open(.arrayStart, isObject: false) }
        }
        tokenStart = position
        let token: JSONToken
        (position, token) = try scalarEnd(at: position)
        tokenEnd = position
        state = .afterValue
        return token
    }
}

@available(*, unavailable, message: "JSONScanner borrows an unsafe buffer; keep it on one task")
extension JSONScanner: Sendable {}
