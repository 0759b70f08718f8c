/// Ordered header fields (name/value pairs) with case-insensitive lookup.
///
/// All names and values live in one byte buffer with a small offset record per field, so
/// the parser builds a request's headers with two allocations whatever their number. Names
/// and values are kept as received (values trimmed of surrounding whitespace); `String`s are
/// made only when asked for. Bytes are not validated here: the parser admits only valid
/// fields, and the response encoder sanitises whatever an application put in.
public struct Headers: Sendable {
    /// Where one field's bytes are: name in `start..<nameEnd`, value in `nameEnd..<valueEnd`.
    struct Field: Sendable, Hashable {
        var start: UInt32
        var nameEnd: UInt32
        var valueEnd: UInt32
    }

    var storage: [UInt8]
    var fields: [Field]

    public init() {
        storage = []
        fields = []
    }

    /// An empty set with room for `fieldCount` fields and `byteCount` bytes of names and values.
    public init(reservingFields fieldCount: Int, bytes byteCount: Int) {
        storage = []
        fields = []
        storage.reserveCapacity(byteCount)
        fields.reserveCapacity(fieldCount)
    }

    public init(_ pairs: some Sequence<(String, String)>) {
        self.init()
        for (name, value) in pairs { append(name: name, value: value) }
    }

    public var count: Int { fields.count }
    public var isEmpty: Bool { fields.isEmpty }

    /// The name of the field at `index`, as received.
    public func name(at index: Int) -> String {
        let field = fields[index]
        return string(Int(field.start)..<Int(field.nameEnd))
    }

    /// The value of the field at `index`, without surrounding whitespace.
    public func value(at index: Int) -> String {
        let field = fields[index]
        return string(Int(field.nameEnd)..<Int(field.valueEnd))
    }

    /// The raw value bytes of the field at `index`, sharing the headers' storage.
    public func valueBytes(at index: Int) -> ArraySlice<UInt8> {
        let field = fields[index]
        return storage[Int(field.nameEnd)..<Int(field.valueEnd)]
    }

    public mutating func append(name: String, value: String) {
        let start = storage.count
        storage.append(contentsOf: name.utf8)
        let nameEnd = storage.count
        storage.append(contentsOf: value.utf8)
        fields.append(Field(start: UInt32(start), nameEnd: UInt32(nameEnd), valueEnd: UInt32(storage.count)))
    }

    /// Removes every field called `name` (case-insensitively).
    public mutating func remove(name: String) {
        guard contains(name: name) else { return }
        var kept = Headers(reservingFields: fields.count, bytes: storage.count)
        for index in fields.indices where !nameMatches(index, name) {
            kept.appendBytes(of: index, from: self)
        }
        self = kept
    }

    /// Replaces every field called `name` with one field holding `value`, appended last.
    public mutating func replaceOrAppend(name: String, value: String) {
        remove(name: name)
        append(name: name, value: value)
    }

    /// Appends name and value bytes the parser has already validated.
    mutating func appendRaw(_ bytes: UnsafeBufferPointer<UInt8>, name: Range<Int>, value: Range<Int>) {
        let start = storage.count
        storage.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[name]))
        let nameEnd = storage.count
        storage.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[value]))
        fields.append(Field(start: UInt32(start), nameEnd: UInt32(nameEnd), valueEnd: UInt32(storage.count)))
    }

    private mutating func appendBytes(of index: Int, from other: Headers) {
        let field = other.fields[index]
        let start = storage.count
        storage.append(contentsOf: other.storage[Int(field.start)..<Int(field.valueEnd)])
        let shift = UInt32(start) &- field.start
        fields.append(Field(start: UInt32(start), nameEnd: field.nameEnd &+ shift, valueEnd: UInt32(storage.count)))
    }

    func string(_ range: Range<Int>) -> String {
        storage.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self) }
    }
}
