/// FNV-1a word hashing and the mixing that turns word hashes into n-gram feature indices.
///
/// Word hashes are full 32-bit FNV-1a over the lowercased word; feature indices are those hashes
/// mixed (so unigrams, bigrams and meta tokens land in unrelated slots) and masked to
/// `NgramHash.space`. The mapping is part of the weights format: changing it invalidates every
/// trained `weights.json`, so `NgramHash.version` is stored with the weights and checked on load.
public enum NgramHash {
    /// Feature indices are in `0 ..< space` (2^18).
    public static let bits: UInt32 = 18
    public static let space: UInt32 = 1 << bits
    public static let mask: UInt32 = space - 1
    /// Bumped whenever tokenisation or hashing changes.
    public static let version = 1

    public static let offsetBasis: UInt32 = 0x811C_9DC5
    public static let prime: UInt32 = 0x0100_0193

    @inline(__always)
    static func step(_ hash: UInt32, _ byte: UInt8) -> UInt32 {
        (hash ^ UInt32(byte)) &* prime
    }

    /// Full 32-bit FNV-1a of `text`'s UTF-8 bytes, ASCII-lowercased (as words are hashed while scanning).
    public static func word(_ text: String) -> UInt32 {
        var hash = offsetBasis
        for byte in text.utf8 { hash = step(hash, asciiLower(byte)) }
        return hash
    }

    @inline(__always)
    static func asciiLower(_ byte: UInt8) -> UInt8 {
        byte &- UInt8(ascii: "A") < 26 ? byte | 0x20 : byte
    }

    /// Murmur3's finaliser: spreads FNV's weak low bits before masking.
    @inline(__always)
    static func finalize(_ value: UInt32) -> UInt32 {
        var h = value
        h ^= h >> 16
        h &*= 0x85EB_CA6B
        h ^= h >> 13
        h &*= 0xC2B2_AE35
        h ^= h >> 16
        return h
    }

    /// Feature index of a word unigram.
    @inline(__always)
    public static func unigram(_ word: UInt32) -> UInt32 {
        finalize(word ^ 0x5555_0001) & mask
    }

    /// Feature index of the word bigram `first second` (order matters).
    @inline(__always)
    public static func bigram(_ first: UInt32, _ second: UInt32) -> UInt32 {
        finalize((first &* 0x9E37_79B1) ^ second ^ 0x3C6E_F372) & mask
    }

    /// Feature index of a meta token (a binned request property; see `MetaToken`).
    public static func meta(_ name: String) -> UInt32 {
        finalize(word(name) ^ 0xA5A5_0003) & mask
    }
}
