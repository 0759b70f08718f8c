/// An OpenAI chat-completions body (request or response) whose shape the codec cannot read,
/// with the path of the member at fault so the gateway can answer 400 naming it.
public struct OpenAIDecodeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The class of failure, stable enough for tests, logs and OpenAI's `code` field.
    public enum Code: String, Sendable, Equatable {
        /// The body is not JSON, or not a JSON object.
        case malformedJSON = "malformed_json"
        /// A required member is absent (or null).
        case missingField = "missing_required_parameter"
        /// A member holds the wrong kind of JSON value.
        case invalidType = "invalid_type"
        /// A member has the right kind but a value OpenAI does not define (an unknown role).
        case invalidValue = "invalid_value"
    }

    public var code: Code
    /// The member at fault as a path such as `messages[2].role`; nil for the body as a whole.
    public var param: String?
    public var message: String

    public init(_ code: Code, param: String?, _ message: String) {
        self.code = code
        self.param = param
        self.message = message
    }

    public var description: String {
        "\(code.rawValue)\(param.map { " at \($0)" } ?? ""): \(message)"
    }

    /// The error in OpenAI's own shape, for answering the caller.
    public var openAI: OpenAIError {
        OpenAIError(message: message, type: .invalidRequest, param: param, code: code.rawValue)
    }

    static func missing(_ param: String) -> OpenAIDecodeError {
        OpenAIDecodeError(.missingField, param: param, "Missing required parameter: '\(param)'.")
    }

    static func type(_ param: String, _ expected: String) -> OpenAIDecodeError {
        OpenAIDecodeError(.invalidType, param: param, "Invalid type for '\(param)': expected \(expected).")
    }

    static func value(_ param: String, _ detail: String) -> OpenAIDecodeError {
        OpenAIDecodeError(.invalidValue, param: param, "Invalid value for '\(param)': \(detail).")
    }

    static func malformed(_ error: JSONError) -> OpenAIDecodeError {
        OpenAIDecodeError(.malformedJSON, param: nil, "The body is not valid JSON (\(error.description)).")
    }

    /// A request body parsed for one of the OpenAI decoders (chat completions, Responses).
    static func parse(_ body: [UInt8]) throws(OpenAIDecodeError) -> JSONValue {
        do { return try JSONValue.parse(body) } catch { throw malformed(error) }
    }
}
