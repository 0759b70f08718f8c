/// An amount of US dollars in whole micro-dollars (10^-6 USD), as a 64-bit integer.
///
/// Money is fixed point so that reserving, releasing and adding spend is exact: a million
/// settlements of $0.000123 sum to exactly $123, and a reservation released is exactly what was
/// reserved. The range (±9.2 trillion dollars) leaves no practical risk of overflow; arithmetic
/// saturates anyway. Rounding to micro-dollars happens once, where the gateway prices usage.
public struct MicroDollars: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var micros: Int64

    public init(micros: Int64) { self.micros = micros }

    /// Whole dollars.
    public init(dollars: Int64) {
        let (product, overflow) = dollars.multipliedReportingOverflow(by: 1_000_000)
        self.micros = overflow ? (dollars < 0 ? .min : .max) : product
    }

    public static let zero = MicroDollars(micros: 0)

    public static func < (a: MicroDollars, b: MicroDollars) -> Bool { a.micros < b.micros }

    public static func + (a: MicroDollars, b: MicroDollars) -> MicroDollars {
        let (sum, overflow) = a.micros.addingReportingOverflow(b.micros)
        return MicroDollars(micros: overflow ? (b.micros < 0 ? .min : .max) : sum)
    }

    public static func - (a: MicroDollars, b: MicroDollars) -> MicroDollars {
        let (difference, overflow) = a.micros.subtractingReportingOverflow(b.micros)
        return MicroDollars(micros: overflow ? (b.micros > 0 ? .min : .max) : difference)
    }

    public static func += (a: inout MicroDollars, b: MicroDollars) { a = a + b }
    public static func -= (a: inout MicroDollars, b: MicroDollars) { a = a - b }

    /// `$12.345678`, with a sign when negative.
    public var description: String {
        let magnitude = micros.magnitude
        let fraction = String(magnitude % 1_000_000)
        let padded = String(repeating: "0", count: 6 - fraction.count) + fraction
        return (micros < 0 ? "-$" : "$") + String(magnitude / 1_000_000) + "." + padded
    }
}
