/// Why a canonical request cannot be written as a Responses API body.
public struct ResponsesEncodeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The class of failure; the gateway answers each with a 400.
    public enum Code: String, Sendable, Equatable {
        /// The request carries something the Responses API has no member for; refused rather
        /// than dropped, since dropping it would change the answer the caller gets.
        case unsupported
        /// A tool's `parameters` or the response format's schema is not a JSON object, so it
        /// cannot be spliced into the body.
        case invalidSchema = "invalid_schema"
    }

    public var code: Code
    /// The member at fault, in the Responses API's naming (`stop`, `tools[2].parameters`).
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
}
