/// Binned request properties added to `RequestFeatures.ngramHashes` as pseudo-words.
///
/// `RequestFeatures` has no room for densities and counts beyond its flags, so the extractor
/// encodes them as tokens in the n-gram space (hashed with their own seed, so no word produces
/// them by accident): the linear difficulty model then learns a weight per bin, and category
/// inference reads the cue tokens. Names start with a byte no word contains.
enum MetaToken {
    /// `len:k`, k = bit length of the prompt token estimate (0...16).
    static let length: [UInt32] = (0 ... 16).map { NgramHash.meta("\u{1}len:\($0)") }
    /// `num:k` for 0, 1, 2-3, 4-7, 8-15, 16+ numbers in the text.
    static let numbers: [UInt32] = (0 ... 5).map { NgramHash.meta("\u{1}num:\($0)") }
    /// `nl:k` for 0, 1-2, 3-7, 8+ newlines.
    static let newlines: [UInt32] = (0 ... 3).map { NgramHash.meta("\u{1}nl:\($0)") }
    /// At least two multiple-choice option lines.
    static let options = NgramHash.meta("\u{1}options")
    static let question = NgramHash.meta("\u{1}question")
    static let creative = NgramHash.meta("\u{1}creative")
    static let extraction = NgramHash.meta("\u{1}extraction")
    static let codeRequest = NgramHash.meta("\u{1}code-request")
    static let code = NgramHash.meta("\u{1}code")
    static let math = NgramHash.meta("\u{1}math")

    /// Index of `value` among the buckets 0, 1, 2-3, 4-7, ... (bit length), capped at `last`.
    @inline(__always)
    static func bucket(_ value: Int, last: Int) -> Int {
        min(Int.bitWidth - max(value, 0).leadingZeroBitCount, last)
    }
}
