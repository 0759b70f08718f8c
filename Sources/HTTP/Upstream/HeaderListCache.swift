import CLibUV

/// curl header lists kept per distinct header set (one per deployment, key and streaming flag),
/// so that a request does not format and allocate its headers again; curl only reads a list.
struct HeaderListCache {
    /// Sets past this many get a list of their own per transfer, freed with it.
    static let capacity = 64

    private var entries: [(headers: [(name: String, value: String)], list: UnsafeMutablePointer<curl_slist>)] = []

    /// The list for `headers`; `owned` when the caller must free it after the transfer.
    mutating func list(for headers: [(name: String, value: String)]) -> (list: UnsafeMutablePointer<curl_slist>?, owned: Bool) {
        for entry in entries where Self.same(entry.headers, headers) { return (entry.list, false) }
        let list = Self.make(headers)
        guard let list, entries.count < Self.capacity else { return (list, true) }
        entries.append((headers, list))
        return (list, false)
    }

    /// Frees every cached list; no transfer may still use one.
    mutating func removeAll() {
        for entry in entries { curl_slist_free_all(entry.list) }
        entries.removeAll()
    }

    private static func make(_ headers: [(name: String, value: String)]) -> UnsafeMutablePointer<curl_slist>? {
        var list: UnsafeMutablePointer<curl_slist>?
        for header in headers {
            list = curl_slist_append(list, "\(header.name): \(header.value)")
        }
        // curl would otherwise send `Expect: 100-continue` for larger bodies and wait a round trip.
        list = curl_slist_append(list, "Expect:")
        // An empty value drops curl's default `Accept: */*`: providers' JSON APIs answer without
        // it, and curl formats every header byte through its printf engine (~100 instructions each).
        if !headers.contains(where: { $0.name.lowercased() == "accept" }) {
            list = curl_slist_append(list, "Accept:")
        }
        return list
    }

    private static func same(_ a: [(name: String, value: String)], _ b: [(name: String, value: String)]) -> Bool {
        guard a.count == b.count else { return false }
        for i in a.indices where a[i].name != b[i].name || a[i].value != b[i].value { return false }
        return true
    }
}
