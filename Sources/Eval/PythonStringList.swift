/// Parses the `repr` of a Python list of strings, as RouterBench stores prompts: `['a', "b\n"]`.
///
/// Handles both quote styles and the escapes `repr` produces (`\n \t \r \\ \' \"`, `\xNN`,
/// `\uNNNN`). Text that is not such a list is returned as the single element.
enum PythonStringList {
    static func parse(_ text: String) -> [String] {
        let chars = Array(text.unicodeScalars)
        guard chars.first == "[", chars.last == "]" else { return [text] }
        var items: [String] = []
        var i = 1
        while i < chars.count - 1 {
            let c = chars[i]
            guard c == "'" || c == "\"" else {
                i += 1
                continue
            }
            var item = String.UnicodeScalarView()
            i += 1
            while i < chars.count - 1 && chars[i] != c {
                if chars[i] == "\\" && i + 1 < chars.count - 1 {
                    i += 1
                    i = unescape(chars, at: i, into: &item)
                } else {
                    item.append(chars[i])
                    i += 1
                }
            }
            i += 1
            items.append(String(item))
        }
        return items.isEmpty ? [text] : items
    }

    /// Decodes the escape whose letter is at `i`; returns the index after it.
    private static func unescape(_ chars: [Unicode.Scalar], at i: Int, into item: inout String.UnicodeScalarView) -> Int {
        switch chars[i] {
        case "n": item.append("\n")
        case "t": item.append("\t")
        case "r": item.append("\r")
        case "x", "u":
            let width = chars[i] == "x" ? 2 : 4
            guard i + width < chars.count,
                  let value = UInt32(String(String.UnicodeScalarView(chars[(i + 1) ... (i + width)])), radix: 16),
                  let scalar = Unicode.Scalar(value)
            else {
                item.append(chars[i])
                return i + 1
            }
            item.append(scalar)
            return i + width + 1
        default: item.append(chars[i])
        }
        return i + 1
    }
}
