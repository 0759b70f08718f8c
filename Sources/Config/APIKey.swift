/// A provider credential whose text never appears in descriptions, debug output, mirrors or dumps.
///
/// Read `secret` only where the upstream request is built; everything else sees `redacted`.
public struct APIKey: Sendable, Hashable, ExpressibleByStringLiteral,
    CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable
{
    /// The raw key.
    public let secret: String
    /// Share of traffic in a provider's key pool, relative to the other keys.
    public let weight: Int

    public init(_ secret: String, weight: Int = 1) {
        self.secret = secret
        self.weight = weight
    }

    public init(stringLiteral value: String) {
        self.init(value)
    }

    /// At most the first three characters (enough to tell `sk-` from `AIz`), and only for keys
    /// long enough that three characters reveal nothing useful; short keys show nothing.
    public var redacted: String {
        let prefix = secret.count >= 12 ? String(secret.prefix(3)) : ""
        return prefix + "…(redacted)"
    }

    public var description: String { redacted }

    public var debugDescription: String { "APIKey(\(redacted))" }

    public var customMirror: Mirror {
        Mirror(self, children: ["redacted": redacted], displayStyle: .struct)
    }
}
