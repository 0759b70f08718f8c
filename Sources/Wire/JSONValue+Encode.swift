// Compact encoding of a `JSONValue` through `JSONWriter`.

extension JSONValue {
    /// The compact JSON text of this value; object members keep their order.
    public func encoded() -> [UInt8] {
        var writer = JSONWriter()
        write(to: &writer)
        return writer.bytes
    }

    /// The compact JSON text as a `String`.
    public var jsonText: String { String(decoding: encoded(), as: UTF8.self) }

    /// Writes this value at the writer's current position.
    public func write(to writer: inout JSONWriter) {
        switch self {
        case .null:
            writer.null()
        case .bool(let b):
            writer.bool(b)
        case .number(let n):
            if let int = n.int { writer.int(int) } else { writer.double(n.double) }
        case .string(let s):
            writer.string(s)
        case .array(let elements):
            writer.beginArray()
            for element in elements { element.write(to: &writer) }
            writer.endArray()
        case .object(let object):
            writer.beginObject()
            for member in object.members {
                writer.key(member.key)
                member.value.write(to: &writer)
            }
            writer.endObject()
        }
    }
}
