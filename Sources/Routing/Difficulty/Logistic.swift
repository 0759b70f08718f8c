#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The logistic function and its inverse, numerically safe at the extremes.
public enum Logistic {
    @inline(__always)
    public static func sigmoid(_ x: Double) -> Double {
        if x >= 0 { return 1 / (1 + exp(-x)) }
        let e = exp(x)
        return e / (1 + e)
    }

    /// logit(p) with p clamped to [epsilon, 1 − epsilon].
    @inline(__always)
    public static func logit(_ p: Double, epsilon: Double = 1e-3) -> Double {
        let q = min(max(p, epsilon), 1 - epsilon)
        return log(q / (1 - q))
    }
}
