extension Double {
    /// The natural logarithm, without importing Foundation: a series on the mantissa.
    static func log(_ x: Double) -> Double {
        precondition(x > 0 && x.isFinite)
        // x = m * 2^e with m in [1, 2); ln x = e ln 2 + ln m, and ln m = 2 atanh((m-1)/(m+1)).
        let exponent = Double(x.exponent)
        let mantissa = x.significand
        let t = (mantissa - 1) / (mantissa + 1)
        let t2 = t * t
        var term = t
        var sum = 0.0
        var n = 1.0
        while true {
            let next = sum + term / n
            if next == sum { break }
            sum = next
            term *= t2
            n += 2
        }
        return exponent * 0.693_147_180_559_945_3 + 2 * sum
    }
}
