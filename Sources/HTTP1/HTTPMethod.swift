/// A request method: the raw token, with constants for the common ones.
///
/// Methods are case-sensitive (RFC 9110 §9.1), so `get` is not `GET`.
public struct HTTPMethod: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    public static let get: HTTPMethod = "GET"
    public static let head: HTTPMethod = "HEAD"
    public static let post: HTTPMethod = "POST"
    public static let put: HTTPMethod = "PUT"
    public static let delete: HTTPMethod = "DELETE"
    public static let options: HTTPMethod = "OPTIONS"
    public static let patch: HTTPMethod = "PATCH"
    public static let connect: HTTPMethod = "CONNECT"
    public static let trace: HTTPMethod = "TRACE"

    public var description: String { rawValue }

    /// Builds a method from validated token bytes, reusing the constants for common methods
    /// (all methods fit Swift's small-string form, so this never allocates either way).
    static func from(_ bytes: UnsafeBufferPointer<UInt8>) -> HTTPMethod {
        switch bytes.count {
        case 3 where bytes[0] == 0x47 && bytes[1] == 0x45 && bytes[2] == 0x54: return .get
        case 4 where bytes[0] == 0x50 && bytes[1] == 0x4F && bytes[2] == 0x53 && bytes[3] == 0x54:
            return .post
        default: return HTTPMethod(String(decoding: bytes, as: UTF8.self))
        }
    }
}
