/// Appends SVG elements to a document; coordinates are pixels, text is XML-escaped.
struct SVGBuilder {
    private var body: [String] = []
    let width: Double
    let height: Double

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    mutating func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, stroke: String) {
        body.append("<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(w))\" height=\"\(n(h))\" fill=\"none\" stroke=\"\(stroke)\"/>")
    }

    mutating func line(_ a: (Double, Double), _ b: (Double, Double), color: String, width: Double) {
        body.append("<line x1=\"\(n(a.0))\" y1=\"\(n(a.1))\" x2=\"\(n(b.0))\" y2=\"\(n(b.1))\" stroke=\"\(color)\" stroke-width=\"\(n(width))\"/>")
    }

    mutating func polyline(_ points: [(Double, Double)], color: String, width: Double) {
        guard points.count >= 2 else { return }
        let list = points.map { "\(n($0.0)),\(n($0.1))" }.joined(separator: " ")
        body.append("<polyline points=\"\(list)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"\(n(width))\"/>")
    }

    mutating func circle(_ c: (Double, Double), r: Double, fill: String, stroke: String? = nil, strokeWidth: Double = 1) {
        let outline = stroke.map { " stroke=\"\($0)\" stroke-width=\"\(n(strokeWidth))\"" } ?? ""
        body.append("<circle cx=\"\(n(c.0))\" cy=\"\(n(c.1))\" r=\"\(n(r))\" fill=\"\(fill)\"\(outline)/>")
    }

    mutating func diamond(_ c: (Double, Double), r: Double, fill: String) {
        let p = [(c.0, c.1 - r), (c.0 + r, c.1), (c.0, c.1 + r), (c.0 - r, c.1)].map { "\(n($0.0)),\(n($0.1))" }
        body.append("<polygon points=\"\(p.joined(separator: " "))\" fill=\"\(fill)\"/>")
    }

    mutating func text(
        _ x: Double, _ y: Double, _ content: String, size: Double, color: String = "#222222",
        anchor: String = "start", weight: String = "normal", rotate: Bool = false
    ) {
        let transform = rotate ? " transform=\"rotate(-90 \(n(x)) \(n(y)))\"" : ""
        body.append(
            "<text x=\"\(n(x))\" y=\"\(n(y))\" font-size=\"\(n(size))\" fill=\"\(color)\" text-anchor=\"\(anchor)\" font-weight=\"\(weight)\"\(transform)>\(Self.escape(content))</text>"
        )
    }

    func finish() -> String {
        let head = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(n(width))\" height=\"\(n(height))\" viewBox=\"0 0 \(n(width)) \(n(height))\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">"
        let background = "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>"
        return ([head, background] + body + ["</svg>"]).joined(separator: "\n") + "\n"
    }

    private func n(_ value: Double) -> String { Format.fixed(value, 1) }

    static func escape(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }
}
