// Bridges owned byte containers to the raw-buffer entry points without losing the typed error.

@inline(__always)
func withBytes<R>(
    _ bytes: [UInt8], _ body: (UnsafeRawBufferPointer) throws(JSONError) -> R
) throws(JSONError) -> R {
    let result = bytes.withUnsafeBytes { raw in Result { () throws(JSONError) in try body(raw) } }
    return try result.get()
}

@inline(__always)
func withBytes<R>(
    _ bytes: ArraySlice<UInt8>, _ body: (UnsafeRawBufferPointer) throws(JSONError) -> R
) throws(JSONError) -> R {
    let result = bytes.withUnsafeBytes { raw in Result { () throws(JSONError) in try body(raw) } }
    return try result.get()
}

extension UnsafeRawBufferPointer {
    /// Whether the bytes spell `text` exactly. The generic `elementsEqual` against a UTF-8 view
    /// is not specialised across modules and costs thousands of instructions per call.
    @inline(__always)
    func spells(_ text: StaticString) -> Bool {
        count == text.utf8CodeUnitCount
            && (count == 0 || JSONText.equal(baseAddress!, UnsafeRawPointer(text.utf8Start), count: count))
    }
}
