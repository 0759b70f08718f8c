/// libFuzzer's own mutations, plus one it lacks: a number written in the input replaced by a
/// value at the edge of what `Int` and `Double` hold. Token counts, indexes and delays that
/// overflow the arithmetic done on them need such values in one particular member, and byte
/// mutations (doubling an ASCII integer, inserting a dictionary word somewhere) rarely build
/// one there; this works the same inside a JSON body and inside an SSE event's data.
enum FuzzMutator {
    static let extremes: [[UInt8]] = [
        "9223372036854775807", "-9223372036854775808", "9223372036854775806", "4611686018427387904",
        "9223372036854775808", "-1", "0", "4294967296", "1e308", "1e19", "-0",
    ].map { Array($0.utf8) }

    /// Replaces one run of ASCII digits (with its sign) in `bytes`; false when there is none
    /// or the result would not fit in `maxSize`.
    static func replaceNumber(_ bytes: inout [UInt8], maxSize: Int, seed: UInt32) -> Bool {
        var runs: [Range<Int>] = []
        var i = 0
        while i < bytes.count {
            guard JSONText.isDigit(bytes[i]) else { i += 1; continue }
            var start = i
            if start > 0 && bytes[start - 1] == UInt8(ascii: "-") { start -= 1 }
            while i < bytes.count && JSONText.isDigit(bytes[i]) { i += 1 }
            runs.append(start..<i)
        }
        guard !runs.isEmpty else { return false }
        var rng = FuzzRandom(seed: UInt64(seed))
        let run = rng.pick(runs)
        let value = rng.pick(extremes)
        guard bytes.count - run.count + value.count <= maxSize else { return false }
        bytes.replaceSubrange(run, with: value)
        return true
    }
}

/// libFuzzer's built-in mutator, which a custom mutator may fall back on.
@_silgen_name("LLVMFuzzerMutate")
func LLVMFuzzerMutate(_ data: UnsafeMutablePointer<UInt8>, _ size: Int, _ maxSize: Int) -> Int

/// One mutation in eight is a number at an edge; the rest are libFuzzer's.
@_cdecl("LLVMFuzzerCustomMutator")
public func fuzzCustomMutator(_ data: UnsafeMutablePointer<UInt8>, _ size: Int, _ maxSize: Int, _ seed: UInt32) -> Int {
    if seed % 8 == 0 {
        var bytes = Array(UnsafeBufferPointer(start: data, count: size))
        if FuzzMutator.replaceNumber(&bytes, maxSize: maxSize, seed: seed) {
            bytes.withUnsafeBufferPointer { data.update(from: $0.baseAddress!, count: $0.count) }
            return bytes.count
        }
    }
    return LLVMFuzzerMutate(data, size, maxSize)
}
