#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Draws an `EvalReport` as a hand-written SVG: mean cost per call (x, log scale when costs span
/// more than 20x) against mean quality (y); the router's curve, its calibrated operating points,
/// every single model as a labelled point (the strongest in red) and the oracle.
public struct CostQualityPlot {
    public var width = 860.0
    public var height = 540.0
    let left = 80.0, right = 250.0, top = 56.0, bottom = 64.0

    public init() {}

    public func svg(_ report: EvalReport) -> String {
        var points = report.curve + report.models.map { report.singles[$0]! } + [report.oracle]
        points = points.filter { $0.cost > 0 && $0.quality.isFinite }
        guard !points.isEmpty else { return "<svg xmlns=\"http://www.w3.org/2000/svg\"/>" }
        let costs = points.map(\.cost), qualities = points.map(\.quality)
        let axes = PlotAxes(
            xMin: costs.min()!, xMax: costs.max()!, yMin: qualities.min()!, yMax: qualities.max()!,
            frame: (left, top, width - right, height - bottom)
        )
        var s = SVGBuilder(width: width, height: height)
        s.text(left, 28, "Cost vs quality: \(report.suite) (test, \(report.records) prompts, router \(report.router))", size: 16, weight: "bold")
        axes.draw(into: &s)
        let curve = report.curve.filter { $0.cost > 0 }.sorted { $0.cost < $1.cost }
        s.polyline(curve.map { axes.map($0) }, color: "#1f6fd1", width: 2)
        for point in curve { s.circle(axes.map(point), r: 2, fill: "#1f6fd1") }
        // Targets are tagged at their points and listed beside the legend, so labels never collide.
        let listX = width - right + 30, listY = top + 140
        s.text(listX, listY, "target (set on train): on test", size: 12)
        for (i, point) in report.operatingPoints.enumerated() {
            let (x, y) = axes.map(point.result)
            s.circle((x, y), r: 6, fill: "none", stroke: "#1f6fd1", strokeWidth: 2)
            s.text(x, y - 9, point.target, size: 10, color: "#1f6fd1", anchor: "middle")
            let label = "\(point.target): \(Format.fixed(point.qualityFraction * 100, 1))% quality, \(Format.fixed(point.costSaved * 100, 1))% saved"
            s.text(listX, listY + 18 * Double(i + 1), label, size: 11, color: "#1f6fd1")
        }
        for model in report.models {
            let point = report.singles[model]!
            guard point.cost > 0 else { continue }
            let (x, y) = axes.map(point)
            let strongest = model == report.strongest
            s.circle((x, y), r: 5, fill: strongest ? "#d62728" : "#777777")
            // Points near the right edge are labelled on their left, clear of the legend.
            let nearRight = x > left + 0.75 * (width - right - left)
            s.text(nearRight ? x - 7 : x + 7, y + 16, Self.shortName(model), size: 11, color: strongest ? "#d62728" : "#444444", anchor: nearRight ? "end" : "start")
        }
        let (ox, oy) = axes.map(report.oracle)
        s.diamond((ox, oy), r: 7, fill: "#2ca02c")
        s.text(ox + 9, oy + 4, "oracle", size: 11, color: "#2ca02c")
        legend(into: &s, router: report.router)
        return s.finish()
    }

    private func legend(into s: inout SVGBuilder, router: String) {
        let x = width - right + 30
        var y = top + 10
        s.line((x, y), (x + 24, y), color: "#1f6fd1", width: 2)
        s.text(x + 30, y + 4, "router \(router), swept", size: 12)
        y += 22
        s.circle((x + 12, y), r: 6, fill: "none", stroke: "#1f6fd1", strokeWidth: 2)
        s.text(x + 30, y + 4, "operating points", size: 12)
        y += 22
        s.circle((x + 12, y), r: 5, fill: "#777777")
        s.text(x + 30, y + 4, "single model", size: 12)
        y += 22
        s.circle((x + 12, y), r: 5, fill: "#d62728")
        s.text(x + 30, y + 4, "strongest model", size: 12)
        y += 22
        s.diamond((x + 12, y), r: 7, fill: "#2ca02c")
        s.text(x + 30, y + 4, "oracle (best per prompt)", size: 12)
    }

    /// The part after the last `/`: `mistralai/mixtral-8x7b-chat` -> `mixtral-8x7b-chat`.
    static func shortName(_ model: String) -> String {
        model.split(separator: "/").last.map(String.init) ?? model
    }
}
