import Wire

extension ResponsesDialect {
    /// The value unless it is absent or JSON `null`, which OpenAI treats alike for optional members.
    static func present(_ value: JSONValue?) -> JSONValue? {
        guard let value, !value.isNull else { return nil }
        return value
    }

    static func string(_ value: JSONValue?, _ param: String) throws(SimError) -> String? {
        guard let value = present(value) else { return nil }
        guard let text = value.string else { throw typeError(param, "a string", value) }
        return text
    }

    static func bool(_ value: JSONValue?, _ param: String) throws(SimError) -> Bool? {
        guard let value = present(value) else { return nil }
        guard let flag = value.bool else { throw typeError(param, "a boolean", value) }
        return flag
    }

    /// An integer within `range`; OpenAI words the two ends differently.
    static func integer(_ value: JSONValue?, _ param: String, in range: ClosedRange<Int>) throws(SimError) -> Int? {
        guard let value = present(value) else { return nil }
        guard let count = value.int else { throw typeError(param, "an integer", value) }
        if count < range.lowerBound {
            throw outOfRange(param, "integer below minimum value", ">= \(range.lowerBound)", value,
                             "integer_below_min_value")
        }
        if count > range.upperBound {
            throw outOfRange(param, "integer above maximum value", "<= \(range.upperBound)", value,
                             "integer_above_max_value")
        }
        return count
    }

    /// A number (integer or decimal) within `range`.
    static func number(_ value: JSONValue?, _ param: String, in range: ClosedRange<Double>) throws(SimError) -> Double? {
        guard let value = present(value) else { return nil }
        guard let number = value.double else { throw typeError(param, "a decimal", value) }
        if number < range.lowerBound {
            throw outOfRange(param, "decimal below minimum value", ">= \(bound(range.lowerBound))", value,
                             "decimal_below_min_value")
        }
        if number > range.upperBound {
            throw outOfRange(param, "decimal above maximum value", "<= \(bound(range.upperBound))", value,
                             "decimal_above_max_value")
        }
        return number
    }

    /// A string that must be one of `supported`.
    static func choice(_ value: JSONValue?, _ param: String, _ supported: [String]) throws(SimError) -> String? {
        guard let text = try string(value, param) else { return nil }
        guard supported.contains(text) else { throw invalidValue(param, text, supported) }
        return text
    }

    /// The object's members, after checking that each is one OpenAI defines there.
    static func members(_ value: JSONValue, _ param: String, known: Set<String>) throws(SimError) -> JSONObject {
        guard let object = value.object else { throw typeError(param, "an object", value) }
        for key in object.keys where !known.contains(key) { throw unknownParameter("\(param).\(key)") }
        return object
    }

    static func unknownParameter(_ param: String) -> SimError {
        SimError(.invalidParameter, message: "Unknown parameter: '\(param)'.", param: param,
                 providerCode: "unknown_parameter")
    }

    static func typeError(_ param: String, _ expected: String, _ got: JSONValue) -> SimError {
        SimError(.invalidParameter, message: "Invalid type for '\(param)': expected \(expected), but got "
            + "\(typeName(got)) instead.", param: param, providerCode: "invalid_type")
    }

    /// OpenAI lists the allowed values with an Oxford "and".
    static func invalidValue(_ param: String, _ got: String, _ supported: [String]) -> SimError {
        let quoted = supported.map { "'\($0)'" }
        let list = quoted.count < 3 ? quoted.joined(separator: " and ")
            : quoted.dropLast().joined(separator: ", ") + ", and " + quoted.last!
        return SimError(.invalidParameter, message: "Invalid value: '\(got)'. Supported values are: \(list).",
                        param: param, providerCode: "invalid_value")
    }

    private static func outOfRange(_ param: String, _ what: String, _ expected: String, _ got: JSONValue,
                                   _ code: String) -> SimError {
        SimError(.invalidParameter, message: "Invalid '\(param)': \(what). Expected a value \(expected), but got "
            + "\(got.jsonText) instead.", param: param, providerCode: code)
    }

    /// `2` rather than `2.0`, as OpenAI writes its bounds.
    private static func bound(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    static func typeName(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "a boolean"
        case .number(let n): n.int != nil ? "an integer" : "a decimal"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}
