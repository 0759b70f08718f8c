// Shared by the fuzz targets (Fuzz/run-http1.sh, Fuzz/run-wire.sh), compiled into each.

/// SplitMix64, seeded from the input so every run of an input makes the same choices.
struct FuzzRandom {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<bound` (0 when `bound` is 0).
    mutating func below(_ bound: Int) -> Int {
        bound <= 0 ? 0 : Int(next() % UInt64(bound))
    }

    mutating func bool() -> Bool { next() & 1 == 1 }

    mutating func pick<T>(_ choices: [T]) -> T { choices[below(choices.count)] }

    /// Up to five sorted offsets in `0...count`, where a stream is split between reads.
    mutating func cuts(_ count: Int) -> [Int] {
        (0..<below(6)).map { _ in below(count + 1) }.sorted()
    }
}

/// FNV-1a of the input, the seed of its choices.
func fnv1a(_ bytes: [UInt8]) -> UInt64 {
    bytes.withUnsafeBufferPointer { buffer in
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in buffer { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return hash
    }
}

/// `input` cut at `cuts` into separate reads, the last ending at the input's end.
func pieces(_ input: [UInt8], _ cuts: [Int]) -> [[UInt8]] {
    var result: [[UInt8]] = []
    var start = 0
    for cut in cuts + [input.count] where cut >= start {
        result.append(Array(input[start..<cut]))
        start = cut
    }
    return result
}
