/// JSON and CSV text of a spend report, with the field names the CLI and admin API promise.
///
/// `cost_usd` is written from the integer micro-USD total, so it is exact to six decimals.
public enum SpendRendering {
    public static let fields = ["group", "requests", "input_tokens", "output_tokens", "cost_usd", "errors", "p50_ms", "p95_ms"]

    /// A JSON array of objects, one per group; absent percentiles are `null`.
    public static func json(_ rows: [SpendRow]) -> String {
        var out = "["
        for (index, row) in rows.enumerated() {
            if index > 0 { out += "," }
            out += "{\"group\":"
            JSONText.appendString(row.group, to: &out)
            out += ",\"requests\":\(row.requests),\"input_tokens\":\(row.inputTokens)"
            out += ",\"output_tokens\":\(row.outputTokens),\"cost_usd\":\(usd(row.costMicros))"
            out += ",\"errors\":\(row.errors),\"p50_ms\":\(milliseconds(row.p50Ms) ?? "null")"
            out += ",\"p95_ms\":\(milliseconds(row.p95Ms) ?? "null")}"
        }
        return out + "]"
    }

    /// RFC 4180 CSV with a header line; absent percentiles are empty fields.
    public static func csv(_ rows: [SpendRow]) -> String {
        var out = fields.joined(separator: ",") + "\r\n"
        for row in rows {
            let cells = [
                quoted(row.group), String(row.requests), String(row.inputTokens), String(row.outputTokens),
                usd(row.costMicros), String(row.errors), milliseconds(row.p50Ms) ?? "", milliseconds(row.p95Ms) ?? "",
            ]
            out += cells.joined(separator: ",") + "\r\n"
        }
        return out
    }

    /// Micro-USD as a decimal with six places: 1234567 -> "1.234567".
    public static func usd(_ micros: Int64) -> String {
        let sign = micros < 0 ? "-" : ""
        let magnitude = micros.magnitude
        let fraction = String(magnitude % 1_000_000)
        return "\(sign)\(magnitude / 1_000_000).\(String(repeating: "0", count: 6 - fraction.count))\(fraction)"
    }

    /// Milliseconds rounded to three places, shortest form.
    static func milliseconds(_ value: Double?) -> String? {
        guard let value, value.isFinite else { return nil }
        let rounded = (value * 1_000).rounded() / 1_000
        return rounded == rounded.rounded() ? String(Int64(rounded)) : String(rounded)
    }

    static func quoted(_ cell: String) -> String {
        guard cell.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return cell }
        var out = "\""
        for character in cell {
            if character == "\"" { out += "\"\"" } else { out.append(character) }
        }
        return out + "\""
    }
}
