/// An error in OpenAI's shape: `{"error":{"message":…,"type":…,"param":…,"code":…}}`.
public struct OpenAIError: Error, Sendable, Equatable {
    /// OpenAI's `type` string; open-ended, with the common values as constants.
    public struct Kind: RawRepresentable, Sendable, Equatable, Hashable {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        public static let invalidRequest = Kind(rawValue: "invalid_request_error")
        public static let authentication = Kind(rawValue: "authentication_error")
        public static let permission = Kind(rawValue: "permission_error")
        public static let notFound = Kind(rawValue: "not_found_error")
        public static let rateLimit = Kind(rawValue: "rate_limit_error")
        public static let insufficientQuota = Kind(rawValue: "insufficient_quota")
        public static let api = Kind(rawValue: "api_error")
        public static let timeout = Kind(rawValue: "timeout_error")
    }

    public var message: String
    public var type: Kind
    /// The request parameter at fault, or nil (written as `null`).
    public var param: String?
    /// A machine-readable code such as `model_not_found`, or nil (written as `null`).
    public var code: String?

    public init(message: String, type: Kind, param: String? = nil, code: String? = nil) {
        self.message = message
        self.type = type
        self.param = param
        self.code = code
    }

    /// The JSON body bytes.
    public func encoded() -> [UInt8] {
        var writer = JSONWriter(capacity: 96 + message.utf8.count)
        write(to: &writer)
        return writer.bytes
    }

    /// Writes the whole `{"error":{…}}` object at the writer's position.
    public func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("error")
        writer.beginObject()
        writer.member("message", message)
        writer.member("type", type.rawValue)
        writer.member("param", param)
        writer.member("code", code)
        writer.endObject()
        writer.endObject()
    }
}
