import Wire

/// The small JSON texts the ledger stores (tag objects, model lists), written by hand.
///
/// Encoding runs on the writer thread for every row, where `JSONEncoder` would cost more than
/// the insert itself. Decoding goes through SQLite's `json_each`, so no Swift parser is needed.
enum JSONText {
    /// `{"a":"1","b":"2"}` with keys sorted (stable bytes for equal maps); nil for an empty map.
    static func object(_ map: [String: String]) -> String? {
        guard !map.isEmpty else { return nil }
        var bytes: [UInt8] = []
        appendObject(map, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `object(map)`'s text as UTF-8: the writer thread's per-row path, which builds
    /// no String and passes once over each key's and value's bytes.
    static func appendObject(_ map: [String: String], to out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        if map.count == 1, let (key, value) = map.first {
            // One tag, the usual case, needs no sorted copy of the keys.
            appendMember(key, value, to: &out)
        } else {
            for (index, key) in map.keys.sorted().enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                appendMember(key, map[key]!, to: &out)
            }
        }
        out.append(UInt8(ascii: "}"))
    }

    private static func appendMember(_ key: String, _ value: String, to out: inout [UInt8]) {
        appendString(key, to: &out)
        out.append(UInt8(ascii: ":"))
        appendString(value, to: &out)
    }

    /// `["a","b"]`; nil for an empty list.
    static func array(_ list: [String]) -> String? {
        guard !list.isEmpty else { return nil }
        var bytes = [UInt8(ascii: "[")]
        for (index, item) in list.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            appendString(item, to: &bytes)
        }
        bytes.append(UInt8(ascii: "]"))
        return String(decoding: bytes, as: UTF8.self)
    }

    static func appendString(_ value: String, to out: inout String) {
        var bytes: [UInt8] = []
        appendString(value, to: &bytes)
        out += String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `value` as a JSON string (the gateway's one byte-level string encoder).
    static func appendString(_ value: String, to out: inout [UInt8]) {
        JSONWriter.appendQuoted(value, to: &out)
    }
}

extension SQLiteConnection {
    /// Reads a JSON object of strings written by `JSONText.object`; nil or empty text is `[:]`.
    func decodeObject(_ text: String?) throws(LedgerError) -> [String: String] {
        guard let text, !text.isEmpty else { return [:] }
        var map: [String: String] = [:]
        let pairs = try query("SELECT key, value FROM json_each(?1)", bind: { $0.bind(1, text) }) {
            ($0.string(0), $0.string(1))
        }
        for (key, value) in pairs { map[key] = value }
        return map
    }

    /// Reads a JSON array of strings written by `JSONText.array`; nil or empty text is `[]`.
    func decodeArray(_ text: String?) throws(LedgerError) -> [String] {
        guard let text, !text.isEmpty else { return [] }
        return try query("SELECT value FROM json_each(?1) ORDER BY key", bind: { $0.bind(1, text) }) {
            $0.string(0)
        }
    }
}
