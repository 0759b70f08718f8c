/// What a circuit breaker watches: a deployment or a provider key, by id (never the key itself).
public struct HealthTarget: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The kind of target.
    public enum Scope: String, Sendable, Hashable, Comparable {
        case deployment
        case key

        public static func < (lhs: Scope, rhs: Scope) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    public var scope: Scope
    /// A deployment id (`openai/gpt-4o`) or a key id (`openai#3f9a2c1d`; the gateway uses a digest, never the key).
    public var id: String

    public init(_ scope: Scope, _ id: String) {
        self.scope = scope
        self.id = id
    }

    public static func deployment(_ id: String) -> HealthTarget { HealthTarget(.deployment, id) }
    public static func key(_ id: String) -> HealthTarget { HealthTarget(.key, id) }

    public static func < (lhs: HealthTarget, rhs: HealthTarget) -> Bool {
        (lhs.scope, lhs.id) < (rhs.scope, rhs.id)
    }

    /// The scope as a flag rather than its raw text: breakers are looked up several times a request.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(scope == .key)
        hasher.combine(id)
    }

    public var description: String { "\(scope.rawValue):\(id)" }
}
