/// One place an attempt can go, in plan order: a deployment of the requested model, a
/// configured fallback, or an entry of the router's plan.
public struct Candidate {
    /// The deployment's health id, stable across reloads (`gpt-4o@openai`).
    public var id: String
    /// Its short name in the attempts summary (`d1`, or the id itself); "" means `d<position>`.
    public var label: String
    /// The model's context window in tokens; nil when unknown (it then never counts as larger).
    public var contextWindow: Int?
    /// The provider's key pool; nil for providers that need no key.
    public var keys: KeyPool?

    public init(id: String, label: String = "", contextWindow: Int? = nil, keys: KeyPool? = nil) {
        self.id = id
        self.label = label
        self.contextWindow = contextWindow
        self.keys = keys
    }

    var target: HealthTarget { .deployment(id) }
}
