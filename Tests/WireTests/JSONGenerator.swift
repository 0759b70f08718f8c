import Wire

/// Random JSON documents and byte mutations for generated-input tests.
enum JSONGenerator {
    /// A random valid document, usually an object, sometimes another kind of value.
    static func document(_ rng: inout SeededGenerator) -> [UInt8] {
        var out: [UInt8] = []
        if Int.random(in: 0 ..< 5, using: &rng) == 0 {
            value(&out, depth: 0, &rng)
        } else {
            object(&out, depth: 0, &rng)
        }
        return out
    }

    private static func space(_ out: inout [UInt8], _ rng: inout SeededGenerator) {
        guard Int.random(in: 0 ..< 6, using: &rng) == 0 else { return }
        out += [[0x20], [0x0A], [0x09, 0x20], [0x0D, 0x0A]].randomElement(using: &rng)!
    }

    private static func object(_ out: inout [UInt8], depth: Int, _ rng: inout SeededGenerator) {
        out.append(UInt8(ascii: "{"))
        let keys = ["model", "stream", "stream_options", "include_usage", "max_tokens", "messages",
                    "content", "mo\\u0064el", "k", "é", "👋", ""]
        for i in 0 ..< Int.random(in: 0 ... 4, using: &rng) {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            space(&out, &rng)
            out += bytes("\"\(keys.randomElement(using: &rng)!)\"")
            space(&out, &rng)
            out.append(UInt8(ascii: ":"))
            space(&out, &rng)
            value(&out, depth: depth + 1, &rng)
            space(&out, &rng)
        }
        out.append(UInt8(ascii: "}"))
    }

    private static func value(_ out: inout [UInt8], depth: Int, _ rng: inout SeededGenerator) {
        let choice = Int.random(in: 0 ..< (depth > 4 ? 6 : 8), using: &rng)
        switch choice {
        case 0: out += bytes(["true", "false", "null"].randomElement(using: &rng)!)
        case 1, 2: out += bytes(number(&rng))
        case 3, 4, 5: out += bytes(string(&rng))
        case 6: object(&out, depth: depth, &rng)
        default:
            out.append(UInt8(ascii: "["))
            for i in 0 ..< Int.random(in: 0 ... 4, using: &rng) {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                space(&out, &rng)
                value(&out, depth: depth + 1, &rng)
            }
            out.append(UInt8(ascii: "]"))
        }
    }

    private static func number(_ rng: inout SeededGenerator) -> String {
        var text = Bool.random(using: &rng) ? "" : "-"
        text += Int.random(in: 0 ..< 4, using: &rng) == 0 ? "0" : String(Int.random(in: 1 ... 99_999, using: &rng))
        if Bool.random(using: &rng) { text += "." + String(Int.random(in: 0 ... 999, using: &rng)) }
        if Int.random(in: 0 ..< 4, using: &rng) == 0 {
            text += ["e", "E", "e+", "e-"].randomElement(using: &rng)! + String(Int.random(in: 0 ... 30, using: &rng))
        }
        return text
    }

    private static func string(_ rng: inout SeededGenerator) -> String {
        let pieces = ["a", "model", " ", "é", "☕", "👋", "\\n", "\\\"", "\\\\", "\\/", "\\u00e9", "\\ud83d\\ude00",
                      "\\t", "\\u0041", "[", "{", ":", ","]
        var text = "\""
        for _ in 0 ..< Int.random(in: 0 ... 6, using: &rng) { text += pieces.randomElement(using: &rng)! }
        return text + "\""
    }

    /// Applies one to three random edits: delete, insert, replace, truncate or duplicate bytes.
    static func mutate(_ doc: inout [UInt8], _ rng: inout SeededGenerator) {
        let interesting = bytes("{}[]\":,\\ 0123456789eE.-+tfnlrsu") + [0x00, 0x01, 0x1F, 0x7F, 0x80, 0xBF, 0xC3, 0xE2, 0xED, 0xF0, 0xF4, 0xFF]
        for _ in 0 ..< Int.random(in: 1 ... 3, using: &rng) {
            let at = Int.random(in: 0 ... doc.count, using: &rng)
            let byte = interesting.randomElement(using: &rng)!
            switch Int.random(in: 0 ..< 5, using: &rng) {
            case 0 where at < doc.count: doc.remove(at: at)
            case 1: doc.insert(byte, at: at)
            case 2 where at < doc.count: doc[at] = byte
            case 3: doc.removeSubrange(at...)
            default:
                let end = min(doc.count, at + Int.random(in: 1 ... 8, using: &rng))
                doc.insert(contentsOf: doc[at ..< end], at: end)
            }
        }
    }
}
