/// Identifies a conversation so that its requests keep one key and deployment while they are
/// healthy, which keeps the provider's prompt cache warm: FNV-1a (64-bit) over the bytes of its
/// first messages. Stable across processes and runs, unlike `Hasher`.
public struct AffinityKey: Sendable, Hashable {
    @usableFromInline static let offsetBasis: UInt64 = 0xCBF2_9CE4_8422_2325
    @usableFromInline static let prime: UInt64 = 0x0100_0000_01B3

    public let value: UInt64

    /// A hash the caller computed itself.
    public init(value: UInt64) { self.value = value }

    /// FNV-1a over `bytes` (say, the raw JSON of the first N messages).
    @inlinable
    public init(bytes: some Sequence<UInt8>) {
        var hash = Self.offsetBasis
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* Self.prime }
        value = hash
    }

    /// FNV-1a over each message in turn with a separator byte that never occurs in UTF-8, so
    /// `["ab", "c"]` and `["a", "bc"]` differ.
    @inlinable
    public init(messages: [some Sequence<UInt8>]) {
        var hash = Self.offsetBasis
        for message in messages {
            for byte in message { hash = (hash ^ UInt64(byte)) &* Self.prime }
            hash = (hash ^ 0xFF) &* Self.prime
        }
        value = hash
    }

    /// Weighted rendezvous (highest random weight) score of `member` for this key: the member
    /// with the highest score wins. Removing a member moves only the keys it won, and each
    /// member wins a share proportional to its weight.
    public func rendezvousScore(member: UInt64, weight: Int) -> Double {
        let mixed = SplitMix64.mix(value ^ SplitMix64.mix(member))
        // A uniform value strictly inside (0, 1), so the logarithm is finite and negative.
        let unit = (Double(mixed >> 11) + 0.5) * 0x1p-53
        return Double(max(1, weight)) / -Double.log(unit)
    }
}
