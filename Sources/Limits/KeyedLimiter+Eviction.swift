extension KeyedLimiter {
    /// Inspects `steps` slab entries round-robin and forgets those that are evictable.
    ///
    /// Each admission sweeps at least one entry more than it can create, so the sweep passes over
    /// the whole slab while it grows by at most the entries created meanwhile: the table holds
    /// the scopes active within `idleMs` plus, at most, one sweep cycle's worth of idle ones.
    /// When the table has become mostly empty it is compacted (an O(n) step, rare by
    /// construction: it needs the live count to fall below 1/8 of the index).
    mutating func sweep(steps: Int, now: Int64) {
        if table.isSparse {
            table.compact()
            cursor = 0
            return
        }
        let size = table.slabSize
        guard size > 0 else { return }
        let idleMs = configuration.idleMs
        for _ in 0 ..< min(steps, size) {
            if cursor >= size { cursor = 0 }
            if table.evict(at: cursor, if: { $0.isEvictable(at: now, idleMs: idleMs) }) { counters.evicted &+= 1 }
            cursor &+= 1
        }
    }

    /// Keeps `count + incoming <= maxScopes` by forgetting, from a sample of 32 entries after
    /// the cursor, an evictable one or else the least recently used one (sampled LRU).
    mutating func makeRoom(for incoming: Int, now: Int64) {
        while table.count > 0 && table.count &+ incoming > configuration.maxScopes {
            let size = table.slabSize
            var victim = -1
            var oldest = Int64.max
            for _ in 0 ..< min(32, size) {
                if cursor >= size { cursor = 0 }
                if table.isLive(cursor) {
                    let entry = table[cursor]
                    if entry.isEvictable(at: now, idleMs: configuration.idleMs) {
                        victim = cursor
                        break
                    }
                    if entry.lastUsed < oldest {
                        oldest = entry.lastUsed
                        victim = cursor
                    }
                }
                cursor &+= 1
            }
            guard victim >= 0 else {
                // The sample was all free places: skip ahead and try again.
                continue
            }
            let forced = !table[victim].isEvictable(at: now, idleMs: configuration.idleMs)
            table.remove(entry: victim)
            if forced { counters.forcedEvictions &+= 1 } else { counters.evicted &+= 1 }
        }
    }
}
