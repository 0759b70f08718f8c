/// A JSON number: the parsed `Double`, plus the exact `Int` when it was written without fraction
/// or exponent and fits.
public struct JSONNumber: Sendable, Equatable {
    public var int: Int?
    public var double: Double

    public init(_ value: Int) {
        int = value
        double = Double(value)
    }

    public init(_ value: Double) {
        int = nil
        double = value
    }

    /// Equal when both are exact integers with the same value, or otherwise the doubles match.
    public static func == (a: JSONNumber, b: JSONNumber) -> Bool {
        if let x = a.int, let y = b.int { return x == y }
        return a.double == b.double
    }

    init(int: Int?, double: Double) {
        self.int = int
        self.double = double
    }
}
