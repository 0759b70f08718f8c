import Yams

extension MappingReader {
    /// A number in 0...1 (weights, quality floors); `nil` when the key is absent.
    func fraction(_ key: String, example: String) throws(ConfigError) -> Double? {
        try number(key, example: example, range: 0...1, rangeText: "between 0 and 1")
    }

    /// A number above 0 (or at least 0 with `allowZero`); `nil` when the key is absent.
    func positiveNumber(_ key: String, example: String, allowZero: Bool = false) throws(ConfigError) -> Double? {
        let number = try number(key, example: example, range: 0...Double.greatestFiniteMagnitude,
                                rangeText: allowZero ? "0 or more" : "above 0")
        if let number, number == 0, !allowZero, let text = try string(key, example: example) {
            throw context.error(.outOfRange, at: text.position, "\(label(key)) must be above 0", fix: "write \(example)")
        }
        return number
    }

    private func number(_ key: String, example: String, range: ClosedRange<Double>, rangeText: String) throws(ConfigError) -> Double? {
        guard let text = try string(key, example: example) else { return nil }
        guard let number = Double(text.value), number.isFinite else {
            throw context.error(.wrongType, at: text.position, "\(label(key)) must be a number, not '\(text.value)'",
                                fix: "write \(example)")
        }
        guard range.contains(number) else {
            throw context.error(.outOfRange, at: text.position, "\(label(key)) must be \(rangeText), not \(number)",
                                fix: "write \(example)")
        }
        return number
    }

    /// A whole number that may be zero (0 often means "off"); `fallback` when absent.
    func nonNegativeInt(_ key: String, default fallback: Int, unit: String) throws(ConfigError) -> Int {
        guard let text = try string(key, example: "\(key): \(fallback)") else { return fallback }
        guard let number = Int(text.value) else {
            throw context.error(.wrongType, at: text.position, "\(label(key)) must be a whole number of \(unit), not '\(text.value)'",
                                fix: "write \(key): \(fallback)")
        }
        guard number >= 0 else {
            throw context.error(.outOfRange, at: text.position, "\(label(key)) must not be negative",
                                fix: "use 0 or a positive number of \(unit)")
        }
        return number
    }

    /// A boolean written as true/false (YAML's yes/no are accepted too).
    func bool(_ key: String, default fallback: Bool) throws(ConfigError) -> Bool {
        guard let text = try string(key, example: "\(key): \(fallback)") else { return fallback }
        switch text.value.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            throw context.error(.wrongType, at: text.position, "\(label(key)) must be true or false, not '\(text.value)'",
                                fix: "write \(key): \(fallback)")
        }
    }
}
