/// A hash table from `Scope` to `Value` for the hot path: open addressing over a slab.
///
/// Index slots hold `(low 32 bits of the scope's precomputed hash) << 32 | (entry + 1)`, 0 when
/// empty; they probe linearly from `hash & mask`. Entries (scope and value side by side, so a
/// lookup touches one place in memory after the small index) live in a slab whose free places
/// are reused: entry numbers are stable until `compact()`. The load factor stays at most 1/2.
/// Lookups hash nothing and compare names only when the stored hash bits match.
struct ScopeTable<Value> {
    /// One slab place. The scope is kept as its parts, so that probing reads the hash and
    /// compares the name in place instead of copying a `Scope` (and retaining its name).
    struct Entry {
        /// Whether the place is in use.
        var live: Bool
        var kind: Scope.Kind
        var hash: Int
        var name: String
        /// Nil when the place is free.
        var value: Value?

        init(_ scope: Scope, _ value: Value?) {
            live = true
            kind = scope.kind
            hash = scope.hash
            name = scope.name
            self.value = value
        }

        /// A free place, holding no name and no value.
        static var vacant: Entry {
            var entry = Entry(Scope(.key, "", hash: 0), nil)
            entry.live = false
            return entry
        }

        var scope: Scope { Scope(kind, name, hash: hash) }
    }

    private(set) var index: [UInt64]
    private(set) var slab: [Entry] = []
    private var free: [Int32] = []
    private(set) var count = 0
    /// The index size asked for at creation; compaction never goes below it.
    let baseCapacity: Int

    init(minimumCapacity: Int = 16) {
        baseCapacity = Self.indexSize(for: minimumCapacity)
        index = Array(repeating: 0, count: baseCapacity)
    }

    /// An empty table for `count` entries that keeps `baseCapacity` as its floor.
    private init(count: Int, baseCapacity: Int) {
        self.baseCapacity = baseCapacity
        index = Array(repeating: 0, count: max(Self.indexSize(for: count), baseCapacity))
    }

    /// The smallest power-of-two index, at least 16, that keeps `count` entries at load <= 1/2.
    private static func indexSize(for count: Int) -> Int {
        var size = 16
        while size < count &* 2 { size <<= 1 }
        return size
    }

    /// Number of entry places in the slab, live or free: what memory is held for.
    var slabSize: Int { slab.count }

    private var mask: Int { index.count &- 1 }

    /// The entry for `scope`, or nil.
    func find(_ scope: Scope) -> Int? {
        let bits = UInt64(truncatingIfNeeded: UInt32(truncatingIfNeeded: scope.hash))
        let mask = self.mask
        // Through pointers, fields are read in place: subscripting the arrays would copy whole
        // entries (value and name included) just to look at their scope.
        return index.withUnsafeBufferPointer { index in
            slab.withUnsafeBufferPointer { slab in
                var slot = Int(truncatingIfNeeded: bits) & mask
                while true {
                    let word = index[slot]
                    if word == 0 { return nil }
                    if word >> 32 == bits {
                        let entry = Int(truncatingIfNeeded: word & 0xFFFF_FFFF) &- 1
                        // Field by field: calling a method on the entry would copy all of it.
                        if slab[entry].hash == scope.hash && slab[entry].kind == scope.kind
                            && slab[entry].name == scope.name && slab[entry].live {
                            return entry
                        }
                    }
                    slot = (slot &+ 1) & mask
                }
            }
        }
    }

    /// Adds `scope`, which must be absent, and returns its entry.
    mutating func insert(_ scope: Scope, _ value: Value) -> Int {
        if (count &+ 1) &* 2 > index.count { rehash(capacity: index.count &* 2) }
        let entry: Int
        if let reused = free.popLast() {
            entry = Int(reused)
            slab[entry] = Entry(scope, value)
        } else {
            entry = slab.count
            slab.append(Entry(scope, value))
        }
        place(hash: scope.hash, entry: entry)
        count &+= 1
        return entry
    }

    /// The value of a live entry (a copy).
    subscript(entry: Int) -> Value { slab[entry].value! }

    /// Runs `body` on the value of a live entry, in place. A closure rather than a `_modify`
    /// accessor: the accessor's coroutine, when not inlined, allocates its frame on the heap.
    @inline(__always)
    mutating func update<R>(_ entry: Int, _ body: (inout Value) -> R) -> R {
        body(&slab[entry].value!)
    }

    /// The scope of entry `entry`, or nil when that place is free.
    func scope(at entry: Int) -> Scope? { slab[entry].live ? slab[entry].scope : nil }

    /// Removes entry `entry` if it is in use and `shouldEvict` says so; reports whether it did.
    /// Cheap for trivially copyable values (the limiter's); a value holding references is
    /// better inspected through `update`, which never copies it.
    mutating func evict(at entry: Int, if shouldEvict: (borrowing Value) -> Bool) -> Bool {
        let evict = slab.withUnsafeBufferPointer { slab in slab[entry].live && shouldEvict(slab[entry].value!) }
        if evict { remove(entry: entry) }
        return evict
    }

    /// Whether entry `entry` is in use.
    func isLive(_ entry: Int) -> Bool { slab.withUnsafeBufferPointer { $0[entry].live } }

    /// Removes a live entry; its place in the slab is reused by a later insert.
    ///
    /// Linear probing needs no tombstones: later members of the probe run shift back into the
    /// hole unless their home slot lies cyclically after it (Knuth, TAOCP vol. 3, 6.4, Algorithm R).
    mutating func remove(entry: Int) {
        let mask = index.count &- 1
        let target = UInt64(entry &+ 1)
        var hole = Int(truncatingIfNeeded: slab[entry].hash) & mask
        while index[hole] & 0xFFFF_FFFF != target { hole = (hole &+ 1) & mask }
        var next = hole
        while true {
            next = (next &+ 1) & mask
            let word = index[next]
            if word == 0 { break }
            let home = Int(truncatingIfNeeded: word >> 32) & mask
            let stays = hole <= next ? (hole < home && home <= next) : (hole < home || home <= next)
            if stays { continue }
            index[hole] = word
            hole = next
        }
        index[hole] = 0
        slab[entry] = .vacant
        free.append(Int32(entry))
        count &-= 1
    }

    /// Whether the slab and index are mostly empty, so `compact()` would give memory back.
    var isSparse: Bool { index.count > max(64, baseCapacity) && count &* 8 < index.count }

    /// Moves live entries to the front of a right-sized slab and index. Entry numbers change.
    mutating func compact() {
        var fresh = ScopeTable(count: count, baseCapacity: baseCapacity)
        for entry in slab where entry.live { _ = fresh.insert(entry.scope, entry.value!) }
        self = fresh
    }

    private mutating func place(hash: Int, entry: Int) {
        let bits = UInt64(truncatingIfNeeded: UInt32(truncatingIfNeeded: hash))
        var slot = Int(truncatingIfNeeded: bits) & mask
        while index[slot] != 0 { slot = (slot &+ 1) & mask }
        index[slot] = bits << 32 | UInt64(entry &+ 1)
    }

    /// Rebuilds the index at `capacity` slots (a power of two, more than twice `count`).
    private mutating func rehash(capacity: Int) {
        index = Array(repeating: 0, count: capacity)
        for entry in slab.indices {
            if slab[entry].live { place(hash: slab[entry].hash, entry: entry) }
        }
    }
}

extension ScopeTable: Sendable where Value: Sendable {}
extension ScopeTable.Entry: Sendable where Value: Sendable {}
