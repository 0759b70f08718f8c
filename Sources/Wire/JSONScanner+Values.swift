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
    @inline(__always)
    public func stringEquals(_ text: StaticString) -> Bool {
        let targetCount = text.utf8CodeUnitCount
        let contentCount = tokenEnd - tokenStart - 2
        guard stringHasEscapes else {
            return contentCount == targetCount
                && JSONText.equal(base + tokenStart + 1, UnsafeRawPointer(text.utf8Start), count: targetCount)
        }
        return escapedStringEquals(text)
    }

    @inline(never)
    private func escapedStringEquals(_ text: StaticString) -> Bool {
        let contentCount = tokenEnd - tokenStart - 2
        // An escape shrinks at most sixfold (`\u0061` -> `a`), so longer content cannot match.
        guard contentCount <= text.utf8CodeUnitCount * 6 else { return false }
        return withUnsafeTemporaryAllocation(byteCount: contentCount, alignment: 1) { scratch in
            let n = JSONText.unescape(rawStringContent, into: scratch.baseAddress!)
            return n == text.utf8CodeUnitCount
                && JSONText.equal(UnsafeRawPointer(scratch.baseAddress!), UnsafeRawPointer(text.utf8Start), count: n)
        }
    }
}
