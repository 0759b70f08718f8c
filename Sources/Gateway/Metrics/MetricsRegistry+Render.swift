extension MetricsRegistry {
    /// The registry in Prometheus' text exposition format (version 0.0.4).
    public func render() -> [UInt8] {
        var out = ""
        out.reserveCapacity(4096)
        for family in families {
            out += "# HELP \(family.name) \(family.help)\n# TYPE \(family.name) \(family.kind.rawValue)\n"
            switch family.kind {
            case .counter, .gauge:
                for (labels, slot) in family.slots.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) {
                    out += family.name + Self.labelText(family.labelNames, labels) + " " + Self.number(family.values[slot]) + "\n"
                }
            case .histogram:
                for (labels, slot) in family.slots.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) {
                    let series = family.histograms[slot]
                    for (i, bound) in family.buckets.enumerated() {
                        out += family.name + "_bucket" + Self.labelText(family.labelNames + ["le"], labels + [Self.number(bound)])
                            + " \(series.counts[i])\n"
                    }
                    out += family.name + "_bucket" + Self.labelText(family.labelNames + ["le"], labels + ["+Inf"]) + " \(series.count)\n"
                    out += family.name + "_sum" + Self.labelText(family.labelNames, labels) + " " + Self.number(series.sum) + "\n"
                    out += family.name + "_count" + Self.labelText(family.labelNames, labels) + " \(series.count)\n"
                }
            }
        }
        return Array(out.utf8)
    }

    static func labelText(_ names: [String], _ values: [String]) -> String {
        guard !names.isEmpty else { return "" }
        var text = "{"
        for (i, name) in names.enumerated() {
            if i > 0 { text += "," }
            text += name + "=\"" + escape(i < values.count ? values[i] : "") + "\""
        }
        return text + "}"
    }

    /// Label values escape backslash, quote and newline, as the format requires.
    static func escape(_ value: String) -> String {
        guard value.contains(where: { $0 == "\\" || $0 == "\"" || $0 == "\n" }) else { return value }
        var out = ""
        for c in value {
            switch c {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.append(c)
            }
        }
        return out
    }

    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}
