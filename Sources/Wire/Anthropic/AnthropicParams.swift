// Typed reads of request members with Anthropic's error wording ("<path>: Input should be …").

enum AnthropicParams {
    /// The value unless it is absent or JSON `null`, which Anthropic treats alike for optional members.
    static func present(_ value: JSONValue?) -> JSONValue? {
        guard let value, !value.isNull else { return nil }
        return value
    }

    static func string(_ value: JSONValue?, _ path: @autoclosure () -> String) throws(AnthropicCodecError) -> String? {
        guard let value = present(value) else { return nil }
        guard let text = value.string else { throw .invalid(path(), "Input should be a valid string") }
        return text
    }

    static func requiredString(_ value: JSONValue?, _ path: @autoclosure () -> String)
        throws(AnthropicCodecError) -> String {
        guard let text = try string(value, path()) else { throw .missing(path()) }
        return text
    }

    static func int(_ value: JSONValue?, _ path: @autoclosure () -> String) throws(AnthropicCodecError) -> Int? {
        guard let value = present(value) else { return nil }
        guard let count = value.int else { throw .invalid(path(), "Input should be a valid integer") }
        return count
    }

    static func double(_ value: JSONValue?, _ path: @autoclosure () -> String) throws(AnthropicCodecError) -> Double? {
        guard let value = present(value) else { return nil }
        guard let number = value.double else { throw .invalid(path(), "Input should be a valid number") }
        return number
    }

    static func bool(_ value: JSONValue?, _ path: @autoclosure () -> String) throws(AnthropicCodecError) -> Bool? {
        guard let value = present(value) else { return nil }
        guard let flag = value.bool else { throw .invalid(path(), "Input should be a valid boolean") }
        return flag
    }

    static func array(_ value: JSONValue?, _ path: @autoclosure () -> String)
        throws(AnthropicCodecError) -> [JSONValue]? {
        guard let value = present(value) else { return nil }
        guard let elements = value.array else { throw .invalid(path(), "Input should be a valid list") }
        return elements
    }

    static func object(_ value: JSONValue?, _ path: @autoclosure () -> String)
        throws(AnthropicCodecError) -> JSONObject? {
        guard let value = present(value) else { return nil }
        guard let members = value.object else { throw .invalid(path(), "Input should be a valid dictionary") }
        return members
    }

    /// The `type` of a content block or tagged object, required.
    static func type(of value: JSONValue, _ path: @autoclosure () -> String) throws(AnthropicCodecError) -> String {
        guard value.object != nil else { throw .invalid(path(), "Input should be a valid dictionary") }
        return try requiredString(value["type"], path() + ".type")
    }
}
