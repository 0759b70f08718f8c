/// Appends compact JSON to a byte array; commas are placed automatically.
///
/// Hand-written for speed (`JSONSerialization` takes hundreds of µs to serialize a chat request).
/// The writer trusts its caller for structure: keys only inside objects, every `begin` ended.
public struct JSONWriter: Sendable {
    public var bytes: [UInt8]
    /// Whether the next key or value follows a sibling and so needs a comma first.
    private var needsComma = false

    public init(capacity: Int = 256) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    public mutating func beginObject() {
        separate()
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
    }

    public mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    public mutating func beginArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
        needsComma = false
    }

    public mutating func endArray() {
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// Writes an object key and its colon; the next call writes the value.
    public mutating func key(_ name: String) {
        separate()
        Self.appendQuoted(name, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    /// Writes a constant key as its bytes are, without the escape scan: for ASCII names
    /// without `"`, `\` or control characters, which is what every key in the code is.
    public mutating func key(verbatim name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    public mutating func string(_ value: String) {
        separate()
        Self.appendQuoted(value, to: &bytes)
        needsComma = true
    }

    public mutating func int(_ value: Int) {
        separate()
        Self.appendInt(value, to: &bytes)
        needsComma = true
    }

    /// Writes the shortest text that reads back as `value`; non-finite values become `null`.
    public mutating func double(_ value: Double) {
        separate()
        if value.isFinite {
            bytes.append(contentsOf: value.description.utf8)
        } else {
            bytes.append(contentsOf: "null".utf8)
        }
        needsComma = true
    }

    /// Writes `hundredths / 100` in the text `Double.description` gives it (`12.5`, `0.07`,
    /// `3.0`), without going through a `Double`; values of 10^14 hundredths or more, where the
    /// description turns to exponents, take the `Double` path.
    public mutating func hundredths(_ hundredths: Int) {
        guard hundredths >= 0, hundredths < 100_000_000_000_000 else { return double(Double(hundredths) / 100) }
        separate()
        Self.appendInt(hundredths / 100, to: &bytes)
        bytes.append(UInt8(ascii: "."))
        let fraction = hundredths % 100
        bytes.append(UInt8(ascii: "0") &+ UInt8(fraction / 10))
        if fraction % 10 != 0 { bytes.append(UInt8(ascii: "0") &+ UInt8(fraction % 10)) }
        needsComma = true
    }

    public mutating func bool(_ value: Bool) {
        separate()
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
        needsComma = true
    }

    public mutating func null() {
        separate()
        bytes.append(contentsOf: "null".utf8)
        needsComma = true
    }

    /// Writes an already-encoded JSON value verbatim.
    public mutating func raw(_ json: some Sequence<UInt8>) {
        separate()
        bytes.append(contentsOf: json)
        needsComma = true
    }

    /// Writes already-encoded JSON verbatim; unlike the generic form, one copy of the bytes.
    public mutating func raw(_ json: UnsafeBufferPointer<UInt8>) {
        separate()
        bytes.append(contentsOf: json)
        needsComma = true
    }

    /// Writes constant, already-encoded JSON verbatim.
    public mutating func raw(_ json: StaticString) {
        raw(UnsafeBufferPointer(start: json.utf8Start, count: json.utf8CodeUnitCount))
    }

    /// Writes `"key":"value"`, or `"key":null` when `value` is nil.
    public mutating func member(_ name: String, _ value: String?) {
        key(name)
        if let value { string(value) } else { null() }
    }

    /// Writes `"key":value`.
    public mutating func member(_ name: String, _ value: Int) {
        key(name)
        int(value)
    }

    /// Writes `"key":value`.
    public mutating func member(_ name: String, _ value: Double) {
        key(name)
        double(value)
    }

    /// Writes `"key":["a","b",…]`.
    public mutating func member(_ name: String, _ values: [String]) {
        key(name)
        beginArray()
        for value in values { string(value) }
        endArray()
    }

    /// Writes `"key":true|false`.
    public mutating func member(_ name: String, _ value: Bool) {
        key(name)
        bool(value)
    }

    @inline(__always)
    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }
}
