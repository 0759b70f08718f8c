// Reading the current token's value; each accessor is valid only for the token kinds it names.

extension JSONScanner {
    /// The last token's raw bytes, quotes included for strings and keys.
    public var tokenBytes: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: bytes[tokenStart ..< tokenEnd])
    }

    /// The content between the quotes of the last string or key, still escaped.
    public var rawStringContent: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: bytes[tokenStart + 1 ..< tokenEnd - 1])
    }

    /// The decoded text of the last string or key.
    public func decodedString() -> String {
        JSONText.string(rawStringContent, hasEscapes: stringHasEscapes)
    }

    /// The last number as an `Int` when it is written without fraction or exponent and fits.
    public func intValue() -> Int? {
        numberIsInteger ? JSONText.int(tokenBytes) : nil
    }

    /// The last number as the nearest `Double`.
    public func doubleValue() -> Double {
        JSONText.double(tokenBytes, isInteger: numberIsInteger)
    }

    /// Whether the last string or key decodes to exactly `text`, without allocating.
    public func stringEquals(_ text: StaticString) -> Bool {
        let target = UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)
        let content = rawStringContent
        guard stringHasEscapes else {
            return content.count == target.count && content.elementsEqual(target)
        }
        // An escape shrinks at most sixfold (`\u0061` -> `a`), so longer content cannot match.
        guard content.count <= target.count * 6 else { return false }
        return withUnsafeTemporaryAllocation(byteCount: content.count, alignment: 1) { scratch in
            let n = JSONText.unescape(content, into: scratch.baseAddress!)
            return n == target.count && UnsafeRawBufferPointer(rebasing: scratch[..<n]).elementsEqual(target)
        }
    }
}
