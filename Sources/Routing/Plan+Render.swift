import Wire

/// The plan as people and the ledger read it: a table (`switchyard route`), one line, and JSON.
extension Plan {
    /// A fixed-width table of every candidate, chosen first, then fallbacks, then the rest.
    public func renderTable() -> String {
        let headers = ["model", "quality", "cost USD", "latency ms", "gCO2e", "score", "status"]
        var rows: [[String]] = []
        for index in displayOrder() {
            let c = candidates[index]
            rows.append([
                c.model, formatFixed(c.quality, 3), formatFixed(c.costUSD, 6), formatFixed(c.latencyMs, 0),
                formatFixed(c.carbonGrams, 4), c.score.map { formatFixed($0, 3) } ?? "-", c.status.label,
            ])
        }
        var widths = headers.map(\.count)
        for row in rows {
            for (column, cell) in row.enumerated() { widths[column] = max(widths[column], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                // Text columns left-aligned (the last one unpadded), numbers right-aligned.
                if column == cells.count - 1 { return cell }
                return column == 0 ? cell + pad : pad + cell
            }.joined(separator: "  ")
        }
        var out = "router \(routerID): \(chosen?.model ?? "none") (\(reason.rawValue)); "
        out += "prompt \(inputTokens) tokens, expected output \(outputTokens) tokens\n"
        out += line(headers) + "\n"
        for row in rows { out += line(row) + "\n" }
        return out
    }

    /// One line for the ledger row: choice, its numbers, fallbacks, and why the others lost.
    public func summary() -> String {
        guard let chosen else { return "\(routerID)→none (\(reason.rawValue))\(excluded())" }
        var out = "\(routerID)→\(chosen.model) \(reason.rawValue) q=\(formatFixed(chosen.quality, 3))"
        out += " $\(formatFixed(chosen.costUSD, 6)) \(formatFixed(chosen.latencyMs, 0))ms"
        if let score = chosen.score { out += " s=\(formatFixed(score, 3))" }
        let fallbacks = self.fallbacks
        if !fallbacks.isEmpty { out += " | fb " + fallbacks.map(\.model).joined(separator: ",") }
        return out + excluded()
    }

    private func excluded() -> String {
        let out = candidates.compactMap { c -> String? in
            switch c.status {
            case .filtered(let why): "\(c.model)(\(why.rawValue))"
            case .ineligible(let why): "\(c.model)(\(why.rawValue))"
            case .chosen, .fallback: nil
            }
        }
        return out.isEmpty ? "" : " | out " + out.joined(separator: ",")
    }

    /// The plan as a JSON object (for the ledger and `switchyard route --json`).
    public func json() -> String {
        var w = JSONWriter(capacity: 256 + 160 * candidates.count)
        w.beginObject()
        w.member("router", routerID)
        w.member("reason", reason.rawValue)
        w.member("chosen", chosen?.model)
        w.member("input_tokens", inputTokens)
        w.member("output_tokens", outputTokens)
        w.key("order")
        w.beginArray()
        for index in order { w.string(candidates[index].model) }
        w.endArray()
        w.key("candidates")
        w.beginArray()
        for c in candidates {
            w.beginObject()
            w.member("model", c.model)
            w.member("catalog_id", c.catalogID)
            w.key("quality"); w.double(roundedTo(c.quality, 4))
            w.key("cost_usd"); w.double(roundedTo(c.costUSD, 8))
            w.key("latency_ms"); w.double(roundedTo(c.latencyMs, 1))
            w.key("carbon_g"); w.double(roundedTo(c.carbonGrams, 6))
            w.key("score")
            if let score = c.score { w.double(roundedTo(score, 4)) } else { w.null() }
            switch c.status {
            case .chosen: w.member("status", "chosen")
            case .fallback(let rank): w.member("status", "fallback"); w.member("rank", rank)
            case .ineligible(let why): w.member("status", "ineligible"); w.member("why", why.rawValue)
            case .filtered(let why): w.member("status", "filtered"); w.member("why", why.rawValue)
            }
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return String(decoding: w.bytes, as: UTF8.self)
    }

    /// `order` first, then the remaining candidates in candidate order.
    private func displayOrder() -> [Int] {
        order + candidates.indices.filter { !order.contains($0) }
    }
}

/// `x` with exactly `digits` decimals (no Foundation formatting in this module).
func formatFixed(_ x: Double, _ digits: Int) -> String {
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    guard x.isFinite, abs(x) * scale < 9e18 else { return "\(x)" }
    let units = Int64((abs(x) * scale).rounded())
    let power = Int64(scale)
    let whole = units / power
    let sign = x < 0 && units != 0 ? "-" : ""
    guard digits > 0 else { return sign + String(whole) }
    let fraction = String(units % power)
    return sign + String(whole) + "." + String(repeating: "0", count: digits - fraction.count) + fraction
}

/// `x` rounded to `digits` decimals, so JSON stays short.
private func roundedTo(_ x: Double, _ digits: Int) -> Double {
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    return (x * scale).rounded() / scale
}
