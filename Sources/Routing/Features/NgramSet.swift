/// A fixed-capacity set of feature indices over caller-owned scratch memory, in insertion order.
///
/// Deduplicates while scanning so extraction needs no sort: an open-addressing table (power-of-two
/// size, at most half full) answers "seen before?", and a parallel list keeps the order of first
/// sight. Slots store `index | 0x8000_0000` so zero means empty; indices are below 2^31.
struct NgramSet {
    private let table: UnsafeMutablePointer<UInt32>
    private let tableMask: Int
    private let list: UnsafeMutablePointer<UInt32>
    /// Inserts past `limit` are dropped: the prompt's first n-grams carry the task. The last
    /// `reserved` entries stay free for the meta tokens added at the end (`releaseReserve`).
    let capacity: Int
    private var limit: Int
    static let reserved = 16
    private(set) var count = 0

    /// Scratch words `NgramSet` needs for `capacity` entries (table plus list).
    static func scratchWords(capacity: Int) -> Int {
        tableSize(capacity: capacity) + capacity
    }

    static func tableSize(capacity: Int) -> Int {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        return size
    }

    /// `scratch` must hold `scratchWords(capacity:)` words and outlive the set.
    init(scratch: UnsafeMutablePointer<UInt32>, capacity: Int) {
        let size = Self.tableSize(capacity: capacity)
        table = scratch
        table.initialize(repeating: 0, count: size)
        tableMask = size - 1
        list = scratch + size
        self.capacity = capacity
        limit = max(capacity - Self.reserved, 0)
    }

    mutating func releaseReserve() { limit = capacity }

    @inline(__always)
    mutating func insert(_ index: UInt32) {
        guard count < limit else { return }
        let tagged = index | 0x8000_0000
        // Indices are already mixed hashes: their low bits spread well.
        var slot = Int(index) & tableMask
        while true {
            let stored = table[slot]
            if stored == 0 { break }
            if stored == tagged { return }
            slot = (slot + 1) & tableMask
        }
        table[slot] = tagged
        list[count] = index
        count += 1
    }

    /// The distinct indices in order of first insertion.
    func toArray() -> [UInt32] {
        Array(UnsafeBufferPointer(start: list, count: count))
    }
}
