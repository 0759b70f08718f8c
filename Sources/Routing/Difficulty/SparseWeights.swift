/// N-gram weights for lookup on the request path: an open-addressing table, at most half full.
///
/// Keys are feature indices (< 2^31) stored with the top bit set so zero marks an empty slot; the
/// index is already a mixed hash, so its low bits pick the slot.
public struct SparseWeights: Sendable, Equatable {
    private var keys: [UInt32]
    private var values: [Float]
    private var mask: Int
    public private(set) var count: Int

    public init() {
        self.init(entries: [])
    }

    /// Later duplicates of an index replace earlier ones.
    public init(entries: [(index: UInt32, weight: Float)]) {
        var size = 16
        while size < entries.count * 2 { size <<= 1 }
        keys = Array(repeating: 0, count: size)
        values = Array(repeating: 0, count: size)
        mask = size - 1
        count = 0
        for entry in entries where entry.weight != 0 { insert(entry.index, entry.weight) }
    }

    private mutating func insert(_ index: UInt32, _ weight: Float) {
        let tagged = index | 0x8000_0000
        var slot = Int(index) & mask
        while keys[slot] != 0 && keys[slot] != tagged { slot = (slot + 1) & mask }
        if keys[slot] == 0 { count += 1 }
        keys[slot] = tagged
        values[slot] = weight
    }

    /// The weight of `index`, zero when absent.
    public func weight(_ index: UInt32) -> Float {
        sum([index])
    }

    /// Sum of the weights of `indices` (absent ones count zero).
    public func sum(_ indices: [UInt32]) -> Float {
        keys.withUnsafeBufferPointer { k in
            values.withUnsafeBufferPointer { v in
                var total: Float = 0
                for index in indices {
                    let tagged = index | 0x8000_0000
                    var slot = Int(index) & mask
                    while true {
                        let stored = k[slot]
                        if stored == tagged {
                            total += v[slot]
                            break
                        }
                        if stored == 0 { break }
                        slot = (slot + 1) & mask
                    }
                }
                return total
            }
        }
    }

    /// All nonzero entries, by ascending index.
    public var entries: [(index: UInt32, weight: Float)] {
        var result: [(index: UInt32, weight: Float)] = []
        result.reserveCapacity(count)
        for (slot, key) in keys.enumerated() where key != 0 {
            result.append((key & 0x7FFF_FFFF, values[slot]))
        }
        return result.sorted { $0.index < $1.index }
    }

    public static func == (a: SparseWeights, b: SparseWeights) -> Bool {
        a.entries.elementsEqual(b.entries) { $0.index == $1.index && $0.weight == $1.weight }
    }
}
