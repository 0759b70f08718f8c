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
