import Wire

/// Deterministic unit-length embedding vectors.
///
/// The same text and size always give the same vector, whichever dialect asked, so a translated
/// call can be checked against a direct one.
enum SimEmbedding {
    /// Gemini's default size (`text-embedding-004`).
    static let geminiDimensions = 768
    /// OpenAI's default size (`text-embedding-3-small`).
    static let openAIDimensions = 1536
    /// The largest `dimensions` / `outputDimensionality` accepted.
    static let maxDimensions = 3072

    /// `dimensions` float32 values from a hash of `text`, scaled to unit length.
    static func vector(_ text: String, dimensions: Int) -> [Float] {
        var hash = StableHash()
        hash.combine(text)
        var random = SimRandom(seed: hash.value)
        var values: [Double] = []
        values.reserveCapacity(dimensions)
        var sum = 0.0
        for _ in 0..<dimensions {
            let value = random.unit() * 2 - 1
            values.append(value)
            sum += value * value
        }
        let scale = sum > 0 ? 1 / sum.squareRoot() : 0
        return values.map { Float($0 * scale) }
    }

    /// The values as a JSON array, each the shortest text that reads back as the float32.
    static func writeValues(_ values: [Float], to writer: inout JSONWriter) {
        writer.beginArray()
        for value in values { writer.raw(value.description.utf8) }
        writer.endArray()
    }

    /// Base64 of the little-endian float32 values (OpenAI's `encoding_format: base64`).
    static func base64(_ values: [Float]) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(values.count * 4)
        for value in values { withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) } }
        return SimBase64.encode(bytes)
    }
}
