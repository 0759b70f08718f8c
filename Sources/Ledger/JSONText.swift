/// The small JSON texts the ledger stores (tag objects, model lists), written by hand.
///
/// Encoding runs on the writer thread for every row, where `JSONEncoder` would cost more than
/// the insert itself. Decoding goes through SQLite's `json_each`, so no Swift parser is needed.
enum JSONText {
    /// `{"a":"1","b":"2"}` with keys sorted (stable bytes for equal maps); nil for an empty map.
    static func object(_ map: [String: String]) -> String? {
        guard !map.isEmpty else { return nil }
        var out = "{"
        for (index, key) in map.keys.sorted().enumerated() {
            if index > 0 { out += "," }
            appendString(key, to: &out)
            out += ":"
            appendString(map[key]!, to: &out)
        }
        out += "}"
        return out
    }

    /// `["a","b"]`; nil for an empty list.
    static func array(_ list: [String]) -> String? {
        guard !list.isEmpty else { return nil }
        var out = "["
        for (index, item) in list.enumerated() {
            if index > 0 { out += "," }
            appendString(item, to: &out)
        }
        out += "]"
        return out
    }

    static func appendString(_ value: String, to out: inout String) {
        out += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
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
