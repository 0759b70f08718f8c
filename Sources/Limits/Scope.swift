/// What a limit or budget applies to: a key, a team, a tag value or a provider deployment.
///
/// The hash is computed once, when the scope is made (the gateway keeps scopes in its key and
/// configuration records), so a limiter lookup hashes nothing on the hot path. It comes from the
/// standard library's per-process seeded `Hasher`, so request-supplied tag values cannot be chosen
/// to collide.
public struct Scope: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The kinds of scope; metrics are labelled by kind.
    public enum Kind: UInt8, Sendable, Hashable, CaseIterable, Comparable {
        case key
        case team
        case tag
        case deployment

        public static func < (a: Kind, b: Kind) -> Bool { a.rawValue < b.rawValue }

        /// The label used in metrics and error messages.
        public var label: String {
            switch self {
            case .key: "key"
            case .team: "team"
            case .tag: "tag"
            case .deployment: "deployment"
            }
        }
    }

    public let kind: Kind
    /// The identity within the kind: a key id, a team name, `name=value`, a deployment id.
    public let name: String
    /// Seeded hash of kind and name, fixed at creation.
    let hash: Int

    public init(_ kind: Kind, _ name: String) {
        self.kind = kind
        self.name = name
        var hasher = Hasher()
        hasher.combine(kind)
        hasher.combine(name)
        self.hash = hasher.finalize()
    }

    /// A scope with a given hash: rebuilt from table storage, or chosen by tests to collide.
    init(_ kind: Kind, _ name: String, hash: Int) {
        self.kind = kind
        self.name = name
        self.hash = hash
    }

    /// A virtual key, by its stable id (not its secret).
    public static func key(_ id: String) -> Scope { Scope(.key, id) }
    /// A team.
    public static func team(_ name: String) -> Scope { Scope(.team, name) }
    /// One value of a tag, such as `agent=triage`.
    public static func tag(_ name: String, _ value: String) -> Scope { Scope(.tag, name + "=" + value) }
    /// A provider deployment: the provider's own quota.
    public static func deployment(_ id: String) -> Scope { Scope(.deployment, id) }

    public static func == (a: Scope, b: Scope) -> Bool { a.matches(b) }

    /// Equality, cheapest test first.
    func matches(_ other: Scope) -> Bool {
        hash == other.hash && kind == other.kind && name == other.name
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(hash) }

    public static func < (a: Scope, b: Scope) -> Bool {
        a.kind != b.kind ? a.kind < b.kind : a.name < b.name
    }

    public var description: String { "\(kind.label):\(name)" }
}
