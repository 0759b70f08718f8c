import Config

/// The wire dialect a client or a provider speaks.
public enum Dialect: String, Sendable {
    case openAI = "openai"
    case anthropic
    case gemini
    /// OpenAI's Responses API as an upstream (`api: responses` on a model); never a client's
    /// dialect: a client's Responses call is an OpenAI call in an envelope (`InboundCall.responses`).
    case openAIResponses = "openai.responses"
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
