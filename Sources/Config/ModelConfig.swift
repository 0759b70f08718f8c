/// A model clients may ask for, the provider that serves it and the name that provider knows it by.
///
/// Invariant after loading: `name` and every alias are unique across all models' names and aliases,
/// and `provider` names a configured provider.
public struct ModelConfig: Sendable, Hashable {
    /// The name clients put in the request's `model` field.
    public var name: String
    /// The `name` of the provider that serves it.
    public var provider: String
    /// The model id sent upstream; the same as `name` unless configured.
    public var upstreamModel: String
    /// Further names clients may use for this model.
    public var aliases: [String]

    public init(name: String, provider: String, upstreamModel: String? = nil, aliases: [String] = []) {
        self.name = name
        self.provider = provider
        self.upstreamModel = upstreamModel ?? name
        self.aliases = aliases
    }
}
