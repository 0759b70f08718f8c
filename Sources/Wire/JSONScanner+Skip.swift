// The fast path for skipping a container: the same grammar as `next()`, walked in one loop with
// local state instead of one call per token. Request scanning spends most of its time here
// (`messages` and `tools` hold nearly all the bytes).

extension JSONScanner {
    /// Consumes the rest of the container whose start token was just returned, through its end,
    /// validating it as `next()` would.
    ///
    /// Afterwards `tokenEnd` is just past the closing bracket, so the container's bytes are
    /// `start..<tokenEnd` where `start` was `tokenStart` at the start token.
    public mutating func skipContainer() throws(JSONError) {
        let floor = depth - 1
        var level = depth
        var isObject = stack.isObject(level: level - 1)
        var p = position
        // Each pass starts just after an opening bracket.
        opened: while true {
            p = whitespaceEnd(from: p)
            if p < count && byte(p) == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                // Empty container: fall through to the closing logic below.
            } else {
                if isObject { p = try keyEnd(at: p).afterColon }
                // Read a value; an opening bracket starts the next pass.
                while true {
                    p = whitespaceEnd(from: p)
                    if p < count {
                        let b = byte(p)
                        if b == UInt8(ascii: "{") || b == UInt8(ascii: "[") {
                            guard level < maxDepth else { throw Self.tooDeep(at: p) }
                            isObject = b == UInt8(ascii: "{")
                            stack.set(level: level, isObject: isObject)
                            level += 1
                            p += 1
                            continue opened
                        }
                    }
                    p = try scalarEnd(at: p).end
                    // After a value: a comma continues this container, a bracket closes it.
                    while true {
                        p = whitespaceEnd(from: p)
                        guard p < count else { throw Self.afterValueError(at: p, isObject: isObject, count: count) }
                        let b = byte(p)
                        if b == UInt8(ascii: ",") {
                            p += 1
                            if isObject { p = try keyEnd(at: whitespaceEnd(from: p)).afterColon }
                            break
                        }
                        guard b == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) else {
                            throw Self.afterValueError(at: p, isObject: isObject, count: count)
                        }
                        if try closeInSkip(&p, &level, &isObject, floor: floor) { return }
                    }
                }
            }
            if try closeInSkip(&p, &level, &isObject, floor: floor) { return }
            // The closed container was itself a value: continue after it.
            while true {
                p = whitespaceEnd(from: p)
                guard p < count else { throw Self.afterValueError(at: p, isObject: isObject, count: count) }
                let b = byte(p)
                if b == UInt8(ascii: ",") {
                    p += 1
                    if isObject { p = try keyEnd(at: whitespaceEnd(from: p)).afterColon }
                    break
                }
                guard b == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) else {
                    throw Self.afterValueError(at: p, isObject: isObject, count: count)
                }
                if try closeInSkip(&p, &level, &isObject, floor: floor) { return }
            }
        }
    }
}
