/// Why a body, stream or canonical value could not be read or written in Anthropic's Messages format.
public struct AnthropicCodecError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The class of failure; the gateway maps each to a status.
    public enum Code: String, Sendable, Equatable {
        /// The body is not JSON, or not an object where one is required.
        case malformedJSON
        /// A member Anthropic requires is absent (`max_tokens`, `messages`, …).
        case missingParameter
        /// A member has the wrong type or an out-of-range value.
        case invalidParameter
        /// The canonical request carries something Anthropic cannot express; sent as a 400, never dropped.
        case unsupported
        /// A tool call's arguments are not a JSON object, so they cannot become a `tool_use` `input`.
        case invalidToolArguments
        /// An upstream stream event that is not valid JSON or lacks what its type requires.
        case malformedStream
    }

    public var code: Code
    /// The member at fault in Anthropic's dotted form (`messages.0.content.1.source`), when known.
    public var param: String?
    public var message: String

    public init(_ code: Code, param: String? = nil, _ message: String) {
        self.code = code
        self.param = param
        self.message = message
    }

    public var description: String {
        if let param { return "\(code.rawValue) (\(param)): \(message)" }
        return "\(code.rawValue): \(message)"
    }

    static func missing(_ param: String) -> AnthropicCodecError {
        AnthropicCodecError(.missingParameter, param: param, "\(param): Field required")
    }

    static func invalid(_ param: String, _ detail: String) -> AnthropicCodecError {
        AnthropicCodecError(.invalidParameter, param: param, "\(param): \(detail)")
    }
}
