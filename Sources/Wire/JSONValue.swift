/// A small JSON document model: enough for the simulator and format translation.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(JSONNumber)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    public var isNull: Bool { if case .null = self { true } else { false } }

    public var bool: Bool? { if case .bool(let b) = self { b } else { nil } }

    public var string: String? { if case .string(let s) = self { s } else { nil } }

    public var number: JSONNumber? { if case .number(let n) = self { n } else { nil } }

    /// The number as an `Int` when it was written as one, or is a whole `Double` that fits.
    public var int: Int? {
        guard case .number(let n) = self else { return nil }
        if let int = n.int { return int }
        // Not `Int(exactly:)`: it calls libm's trunc, which this module does not link.
        guard n.double >= -0x1p63 && n.double < 0x1p63 else { return nil }
        let int = Int(n.double)
        return Double(int) == n.double ? int : nil
    }

    public var double: Double? { if case .number(let n) = self { n.double } else { nil } }

    public var array: [JSONValue]? { if case .array(let a) = self { a } else { nil } }

    public var object: JSONObject? { if case .object(let o) = self { o } else { nil } }

    /// The member named `key` when this is an object.
    public subscript(key: String) -> JSONValue? {
        if case .object(let o) = self { o[key] } else { nil }
    }

    /// The element at `index` when this is an array and the index is in range.
    public subscript(index: Int) -> JSONValue? {
        guard case .array(let a) = self, a.indices.contains(index) else { return nil }
        return a[index]
    }
}
