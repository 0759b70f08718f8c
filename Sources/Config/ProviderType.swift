/// The API family a provider speaks, which fixes its wire format and default endpoint.
public enum ProviderType: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case openAI = "openai"
    case openAICompatible = "openai-compatible"
    case anthropic
    case gemini

    /// The vendor's public endpoint; nil for `openai-compatible`, whose `base_url` is required.
    public var defaultBaseURL: String? {
        switch self {
        case .openAI: "https://api.openai.com/v1"
        case .openAICompatible: nil
        case .anthropic: "https://api.anthropic.com"
        case .gemini: "https://generativelanguage.googleapis.com"
        }
    }

    /// The spelling used in configuration files.
    public var description: String { rawValue }
}
