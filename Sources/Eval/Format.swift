/// Fixed-decimal number formatting without Foundation's locale-dependent formatters.
enum Format {
    static func fixed(_ value: Double, _ decimals: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
        var scale = 1.0
        for _ in 0 ..< decimals { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        guard scaled < 9e15 else { return String(value) }
        let units = Int(scaled)
        let integer = units / Int(scale)
        let fraction = units % Int(scale)
        let sign = value < 0 && units != 0 ? "-" : ""
        guard decimals > 0 else { return sign + String(integer) }
        let digits = String(fraction)
        return sign + String(integer) + "." + String(repeating: "0", count: decimals - digits.count) + digits
    }
}
