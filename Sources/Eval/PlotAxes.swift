#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Data-to-pixel mapping for the cost-quality plot, and its axes, ticks and labels.
struct PlotAxes {
    let xMin: Double, xMax: Double, yMin: Double, yMax: Double
    let frame: (x0: Double, y0: Double, x1: Double, y1: Double)
    let logX: Bool

    init(xMin: Double, xMax: Double, yMin: Double, yMax: Double, frame: (Double, Double, Double, Double)) {
        logX = xMax / xMin > 20
        let xPad = logX ? 1.25 : (xMax - xMin) * 0.05 + 1e-12
        self.xMin = logX ? xMin / xPad : xMin - xPad
        self.xMax = logX ? xMax * xPad : xMax + xPad
        let yPad = max((yMax - yMin) * 0.06, 0.005)
        self.yMin = yMin - yPad
        self.yMax = yMax + yPad
        self.frame = frame
    }

    func map(_ point: QualityCost) -> (Double, Double) {
        (x(point.cost), y(point.quality))
    }

    func x(_ cost: Double) -> Double {
        let t = logX ? (log10(cost) - log10(xMin)) / (log10(xMax) - log10(xMin)) : (cost - xMin) / (xMax - xMin)
        return frame.x0 + t * (frame.x1 - frame.x0)
    }

    func y(_ quality: Double) -> Double {
        frame.y1 - (quality - yMin) / (yMax - yMin) * (frame.y1 - frame.y0)
    }

    func draw(into s: inout SVGBuilder) {
        s.rect(frame.x0, frame.y0, frame.x1 - frame.x0, frame.y1 - frame.y0, stroke: "#333333")
        for value in Self.ticks(yMin, yMax) {
            let py = y(value)
            s.line((frame.x0, py), (frame.x1, py), color: "#e4e4e4", width: 1)
            s.text(frame.x0 - 8, py + 4, Format.fixed(value, Self.decimals(yMax - yMin)), size: 11, anchor: "end")
        }
        for value in logX ? logTicks() : Self.ticks(xMin, xMax) {
            let px = x(value)
            s.line((px, frame.y0), (px, frame.y1), color: "#e4e4e4", width: 1)
            s.text(px, frame.y1 + 18, "$" + Self.costLabel(value), size: 11, anchor: "middle")
        }
        let scale = logX ? "log scale" : "linear"
        s.text((frame.x0 + frame.x1) / 2, frame.y1 + 44, "mean cost per call, USD (\(scale))", size: 13, anchor: "middle")
        s.text(20, (frame.y0 + frame.y1) / 2, "mean quality (score 0..1)", size: 13, anchor: "middle", rotate: true)
    }

    /// 1, 2 and 5 times each power of ten inside the range.
    private func logTicks() -> [Double] {
        var ticks: [Double] = []
        var decade = pow(10, floor(log10(xMin)))
        while decade <= xMax {
            for m in [1.0, 2, 5] where decade * m >= xMin && decade * m <= xMax { ticks.append(decade * m) }
            decade *= 10
        }
        return ticks
    }

    /// About six round ticks (1, 2 or 5 times a power of ten apart).
    static func ticks(_ low: Double, _ high: Double) -> [Double] {
        let raw = (high - low) / 6
        guard raw > 0 else { return [low] }
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? raw
        var value = ceil(low / step) * step
        var ticks: [Double] = []
        while value <= high + 1e-12 {
            ticks.append(value)
            value += step
        }
        return ticks
    }

    static func decimals(_ span: Double) -> Int {
        span >= 0.5 ? 1 : span >= 0.05 ? 2 : 3
    }

    static func costLabel(_ value: Double) -> String {
        let digits = max(0, Int(ceil(-log10(value))) + 1)
        return Format.fixed(value, min(digits, 8))
    }
}
