/// Ordered header fields (name/value pairs) with case-insensitive lookup.
///
/// Names and values live in one byte buffer with a small offset record per field. For a
/// parsed request that buffer is a single copy of the received header section, so building
/// a request's headers costs two allocations whatever their number. Names and values are kept
/// as received (values without surrounding whitespace); `String`s are made only when asked
/// for. Bytes are not validated here: the parser admits only valid fields, and the response
/// encoder sanitises whatever an application put in.
public struct Headers: Sendable {
    /// Where one field's bytes are in `storage`.
    struct Field: Sendable, Hashable {
        var start: UInt32
        var nameEnd: UInt32
        var valueStart: UInt32
        var valueEnd: UInt32

        var name: Range<Int> { Int(start)..<Int(nameEnd) }
        var value: Range<Int> { Int(valueStart)..<Int(valueEnd) }
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
    public func name(at index: Int) -> String { string(fields[index].name) }

    /// The value of the field at `index`, without surrounding whitespace.
    public func value(at index: Int) -> String { string(fields[index].value) }

    /// The raw value bytes of the field at `index`, sharing the headers' storage.
    public func valueBytes(at index: Int) -> ArraySlice<UInt8> { storage[fields[index].value] }

    public mutating func append(name: String, value: String) {
        if fields.capacity == 0 {
            // Headers built by appends (a response's) start with room for a few fields instead
            // of growing through every size on the way.
            fields.reserveCapacity(8)
            storage.reserveCapacity(256)
        }
        let start = storage.count
        Self.append(name, to: &storage)
        let nameEnd = UInt32(storage.count)
        Self.append(value, to: &storage)
        fields.append(Field(start: UInt32(start), nameEnd: nameEnd, valueStart: nameEnd, valueEnd: UInt32(storage.count)))
    }

    /// Copies a contiguous string's bytes in one go; the generic `utf8` append went byte by byte.
    private static func append(_ text: String, to storage: inout [UInt8]) {
        let copied: Void? = text.utf8.withContiguousStorageIfAvailable { storage.append(contentsOf: $0) }
        if copied == nil { storage.append(contentsOf: text.utf8) }
    }

    /// Removes every field called `name` (case-insensitively).
    public mutating func remove(name: String) {
        guard contains(name: name) else { return }
        var kept = Headers(reservingFields: fields.count, bytes: storage.count)
        for index in fields.indices where !nameMatches(index, name) {
            let field = fields[index]
            let start = kept.storage.count
            kept.storage.append(contentsOf: storage[field.name])
            let nameEnd = UInt32(kept.storage.count)
            kept.storage.append(contentsOf: storage[field.value])
            kept.fields.append(Field(start: UInt32(start), nameEnd: nameEnd, valueStart: nameEnd,
                                     valueEnd: UInt32(kept.storage.count)))
        }
        self = kept
    }

    /// Replaces every field called `name` with one field holding `value`, appended last.
    public mutating func replaceOrAppend(name: String, value: String) {
        remove(name: name)
        append(name: name, value: value)
    }

    /// Records a parsed field by its offsets from `base`, the start of the header section in
    /// the parser's buffer; the section's bytes are adopted once it is complete.
    mutating func appendParsedField(base: Int, name: Range<Int>, value: Range<Int>) {
        fields.append(Field(start: UInt32(name.lowerBound - base), nameEnd: UInt32(name.upperBound - base),
                            valueStart: UInt32(value.lowerBound - base), valueEnd: UInt32(value.upperBound - base)))
    }

    func string(_ range: Range<Int>) -> String {
        storage.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self) }
    }
}
