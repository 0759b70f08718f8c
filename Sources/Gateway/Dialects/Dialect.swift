import Config

/// The wire dialect a client or a provider speaks.
public enum Dialect: String, Sendable {
    case openAI = "openai"
    case anthropic
    case gemini
}

extension ProviderType {
    /// The dialect this kind of provider is called in.
    var dialect: Dialect {
        switch self {
        case .openAI, .openAICompatible: .openAI
        case .anthropic: .anthropic
        case .gemini: .gemini
        }
    }
}
