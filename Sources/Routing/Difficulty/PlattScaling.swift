/// Platt scaling: maps a raw logit z to a calibrated probability σ(a·z + b).
public struct PlattScaling: Sendable, Equatable {
    public var a: Double
    public var b: Double

    public static let identity = PlattScaling(a: 1, b: 0)

    public init(a: Double, b: Double) {
        self.a = a
        self.b = b
    }

    @inline(__always)
    public func probability(_ z: Double) -> Double {
        Logistic.sigmoid(a * z + b)
    }

    /// Fits a and b by Newton's method on the cross-entropy of (logit, target) pairs; targets may
    /// be soft (0...1). A small ridge on a−1 and b keeps the fit sane when the pairs are few or
    /// separable. Returns identity when there is nothing to fit.
    public static func fit(logits: [Double], targets: [Double], iterations: Int = 50) -> PlattScaling {
        precondition(logits.count == targets.count)
        guard logits.count >= 2 else { return .identity }
        var a = 1.0
        var b = 0.0
        let ridge = 1e-3 * Double(logits.count)
        for _ in 0 ..< iterations {
            var ga = ridge * (a - 1), gb = ridge * b
            var haa = ridge, hab = 0.0, hbb = ridge
            for (z, y) in zip(logits, targets) {
                let p = Logistic.sigmoid(a * z + b)
                let r = p - y
                let w = max(p * (1 - p), 1e-12)
                ga += r * z
                gb += r
                haa += w * z * z
                hab += w * z
                hbb += w
            }
            let det = haa * hbb - hab * hab
            guard det > 1e-12 else { break }
            let da = (hbb * ga - hab * gb) / det
            let db = (haa * gb - hab * ga) / det
            a -= da
            b -= db
            if abs(da) < 1e-9 && abs(db) < 1e-9 { break }
        }
        return PlattScaling(a: a, b: b)
    }
}
