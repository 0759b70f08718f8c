import Wire

/// The report as `--json` output and as a human-readable table.
extension EvalReport {
    /// `{"router": {"quality", "cost"}, "strongest": {...}, "oracle": {...}, "cost_saved_at": {...}, ...}`;
    /// qualities are mean scores (0...1), costs mean USD per call, the rest fractions (0...1).
    public func json(plot: String? = nil) -> String {
        var w = JSONWriter(capacity: 4096)
        w.beginObject()
        w.member("suite", suite)
        w.member("records", records)
        w.member("skipped", skipped)
        w.key("router")
        w.beginObject()
        w.member("name", router)
        Self.write(routerPoint, to: &w)
        w.endObject()
        w.key("strongest")
        w.beginObject()
        w.member("model", strongest)
        Self.write(singles[strongest]!, to: &w)
        w.endObject()
        w.key("oracle")
        w.beginObject()
        Self.write(oracle, to: &w)
        w.endObject()
        w.key("models")
        w.beginObject()
        for model in models {
            w.key(model)
            w.beginObject()
            Self.write(singles[model]!, to: &w)
            w.endObject()
        }
        w.endObject()
        Self.writeMap("cost_saved_at", operatingPoints.map { ($0.target, $0.costSaved) }, to: &w)
        Self.writeMap("quality_at", operatingPoints.map { ($0.target, $0.qualityFraction) }, to: &w)
        Self.writeMap("knob_at", operatingPoints.map { ($0.target, $0.knob) }, to: &w)
        if let t = twoModel {
            w.key("apgr")
            w.double(t.apgr)
            for (key, value) in [("cpt20", t.cpt20), ("cpt50", t.cpt50), ("cpt80", t.cpt80)] {
                w.key(key)
                if let value { w.double(value) } else { w.null() }
            }
        }
        if let plot { w.member("plot", plot) }
        w.endObject()
        return String(decoding: w.bytes, as: UTF8.self)
    }

    /// A plain-text summary for terminals.
    public func text(plot: String? = nil) -> String {
        var lines = ["suite \(suite): \(records) test prompts (\(skipped) skipped), router \(router)", ""]
        lines.append(Self.row("", "quality", "$/call", "vs strongest"))
        let reference = singles[strongest]!
        for model in models.sorted(by: { singles[$0]!.cost > singles[$1]!.cost }) {
            let point = singles[model]!
            lines.append(Self.row(model + (model == strongest ? " (strongest)" : ""), Self.f(point.quality, 4), Self.usd(point.cost), Self.pct(point.quality / reference.quality)))
        }
        lines.append(Self.row("oracle", Self.f(oracle.quality, 4), Self.usd(oracle.cost), Self.pct(oracle.quality / reference.quality)))
        lines.append("")
        lines.append(Self.row("router target", "quality", "$/call", "quality / strongest", "cost saved"))
        for point in operatingPoints {
            lines.append(Self.row(point.target, Self.f(point.result.quality, 4), Self.usd(point.result.cost), Self.pct(point.qualityFraction), Self.pct(point.costSaved)))
        }
        if let t = twoModel {
            lines.append("")
            lines.append("APGR \(Self.f(t.apgr, 3))   CPT(50%) \(t.cpt50.map { Self.pct($0) } ?? "n/a")   CPT(80%) \(t.cpt80.map { Self.pct($0) } ?? "n/a")")
        }
        if let plot { lines += ["", "plot: \(plot)"] }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func write(_ point: QualityCost, to w: inout JSONWriter) {
        w.key("quality")
        w.double(point.quality)
        w.key("cost")
        w.double(point.cost)
    }

    private static func writeMap(_ key: String, _ entries: [(String, Double)], to w: inout JSONWriter) {
        w.key(key)
        w.beginObject()
        for (k, v) in entries {
            w.key(k)
            w.double(v)
        }
        w.endObject()
    }

    static func row(_ cells: String...) -> String {
        let widths = [44, 10, 12, 20, 12]
        return zip(cells, widths).map { cell, width in cell.padding(to: width) }.joined()
    }

    static func f(_ value: Double, _ decimals: Int) -> String { Format.fixed(value, decimals) }
    static func pct(_ value: Double) -> String { Format.fixed(value * 100, 1) + "%" }
    static func usd(_ value: Double) -> String { Format.fixed(value, 6) }
}

extension String {
    func padding(to width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
