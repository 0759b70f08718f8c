// The fast path for skipping a container: the grammar of `next()`, built from the same pieces,
// walked in one loop over local state instead of one call per token. Request scanning spends most
// of its time here, since `messages` and `tools` hold nearly all of a request's bytes.

extension JSONScanner {
    /// Consumes the rest of the container whose start token was just returned, through its end,
    /// validating it exactly as `next()` would.
    ///
    /// Afterwards `tokenEnd` is just past the closing bracket, so the container's bytes are
    /// `start..<tokenEnd` where `start` was `tokenStart` at the start token.
    public mutating func skipContainer() throws(JSONError) {
        var none = NoMemberWatch()
        try skipContainer(watching: &none)
    }

    /// `skipContainer`, showing `watch` every object member on the way (at any depth).
    @inline(__always)
    public mutating func skipContainer<W: MemberWatch>(watching watch: inout W) throws(JSONError) {
        let floor = depth - 1
        var level = depth
        var isObject = stack.isObject(level: level - 1)
        var p = position
        // True right after an opening bracket, false right after a value.
        var afterOpen = true
        while true {
            p = whitespaceEnd(from: p)
            let closer = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
            if afterOpen && !(p < count && byte(p) == closer) {
                if isObject { p = try member(at: p, &watch) }
                afterOpen = try skipValue(at: &p, level: &level, isObject: &isObject)
                continue
            }
            if !afterOpen {
                guard p < count else { throw Self.afterValueError(at: p, isObject: isObject, count: count) }
                let b = byte(p)
                if b == UInt8(ascii: ",") {
                    p = whitespaceEnd(from: p + 1)
                    if isObject { p = try member(at: p, &watch) }
                    afterOpen = try skipValue(at: &p, level: &level, isObject: &isObject)
                    continue
                }
                guard b == closer else { throw Self.afterValueError(at: p, isObject: isObject, count: count) }
            }
            // `p` is at the closing bracket of the container at `level`.
            level -= 1
            afterOpen = false
            if level == floor {
                tokenStart = p
                position = p + 1
                tokenEnd = position
                depth = floor
                state = .afterValue
                return
            }
            isObject = stack.isObject(level: level - 1)
            p += 1
        }
    }

    /// Reads a member's key at `start` and shows it to `watch`; returns the offset past the colon.
    @inline(__always)
    private mutating func member<W: MemberWatch>(at start: Int, _ watch: inout W) throws(JSONError) -> Int {
        let key = try keyEnd(at: start)
        guard W.isWatching else { return key.afterColon }
        let value = whitespaceEnd(from: key.afterColon)
        watch.member(key: UnsafeRawBufferPointer(start: base + start + 1, count: key.keyEnd - start - 2),
                     keyHasEscapes: stringHasEscapes, valueFirstByte: value < count ? byte(value) : 0)
        return value
    }

    /// Skips the value at `p` (after whitespace) if it is a scalar, or enters it if it is a
    /// container; returns whether it entered one.
    @inline(__always)
    private mutating func skipValue(at p: inout Int, level: inout Int, isObject: inout Bool) throws(JSONError) -> Bool {
        p = whitespaceEnd(from: p)
        if p < count {
            let b = byte(p)
            if b == UInt8(ascii: "{") || b == UInt8(ascii: "[") {
                guard level < maxDepth else { throw Self.tooDeep(at: p) }
                isObject = b == UInt8(ascii: "{")
                stack.set(level: level, isObject: isObject)
                level += 1
                p += 1
                return true
            }
        }
        p = try scalarEnd(at: p).end
        return false
    }
}

/// Sees each object member as `JSONScanner.skipContainer(watching:)` passes it, before its value
/// is validated (a later error still fails the whole scan).
public protocol MemberWatch {
    /// False for a watch that ignores everything, so the scan compiles to the plain skip.
    static var isWatching: Bool { get }
    /// A member: its key's raw content (between the quotes, still escaped) and the first byte of
    /// its value (`{`, `[`, `"`, `n` for null, ...; 0 when the input ends there).
    mutating func member(key: UnsafeRawBufferPointer, keyHasEscapes: Bool, valueFirstByte: UInt8)
}

/// The watch that ignores every member.
public struct NoMemberWatch: MemberWatch {
    public static var isWatching: Bool { false }
    public init() {}
    public func member(key: UnsafeRawBufferPointer, keyHasEscapes: Bool, valueFirstByte: UInt8) {}
}
