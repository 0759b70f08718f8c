/// Case-insensitive lookup by field name (ASCII case folding, RFC 9110 §5.1).
extension Headers {
    /// The first value of the field called `name`, or nil.
    public subscript(name: String) -> String? { first(name: name) }

    public func first(name: String) -> String? {
        firstIndex(name: name).map { value(at: $0) }
    }

    /// Every value of the fields called `name`, in order.
    public func values(name: String) -> [String] {
        fields.indices.filter { nameMatches($0, name) }.map { value(at: $0) }
    }

    public func contains(name: String) -> Bool { firstIndex(name: name) != nil }

    /// The index of the first field called `name`, or nil.
    public func firstIndex(name: String) -> Int? {
        fields.indices.first { nameMatches($0, name) }
    }

    func nameMatches(_ index: Int, _ name: String) -> Bool {
        let field = fields[index]
        let start = Int(field.start)
        let length = Int(field.nameEnd) - start
        guard length == name.utf8.count else { return false }
        return storage.withUnsafeBufferPointer { stored in
            var position = start
            for byte in name.utf8 {
                if Self.lowercased(stored[position]) != Self.lowercased(byte) { return false }
                position += 1
            }
            return true
        }
    }

    @inline(__always)
    public static func lowercased(_ byte: UInt8) -> UInt8 {
        byte &- 0x41 < 26 ? byte | 0x20 : byte
    }
}

extension Headers: RandomAccessCollection {
    /// A field as received: name in its original case, value trimmed.
    public typealias Element = (name: String, value: String)

    public var startIndex: Int { 0 }
    public var endIndex: Int { fields.count }

    public subscript(position: Int) -> (name: String, value: String) {
        (name(at: position), value(at: position))
    }
}

extension Headers: Equatable {
    /// Equal when both hold the same fields in the same order, names compared exactly.
    public static func == (lhs: Headers, rhs: Headers) -> Bool {
        guard lhs.fields.count == rhs.fields.count else { return false }
        return lhs.storage.withUnsafeBufferPointer { left in
            rhs.storage.withUnsafeBufferPointer { right in
                for index in lhs.fields.indices {
                    let a = lhs.fields[index], b = rhs.fields[index]
                    guard Self.equal(left, a.name, right, b.name), Self.equal(left, a.value, right, b.value)
                    else { return false }
                }
                return true
            }
        }
    }
}

extension Headers {
    static func equal(
        _ left: UnsafeBufferPointer<UInt8>, _ a: Range<Int>, _ right: UnsafeBufferPointer<UInt8>, _ b: Range<Int>
    ) -> Bool {
        guard a.count == b.count else { return false }
        let offset = b.lowerBound - a.lowerBound
        for position in a where left[position] != right[position + offset] { return false }
        return true
    }
}

extension Headers: ExpressibleByDictionaryLiteral {
    /// Fields in literal order; repeated names are allowed.
    public init(dictionaryLiteral elements: (String, String)...) {
        self.init(elements)
    }
}

extension Headers: CustomStringConvertible {
    public var description: String {
        map { "\($0.name): \($0.value)" }.joined(separator: "\n")
    }
}
