/// Per-token prices used to turn datasets without costs into USD per call, and the token estimate.
///
/// Only the ratio between models matters for routing figures (cost saved is a fraction). Prices
/// are 2024 list prices in USD per million tokens, the same as the catalog's legacy entries:
/// gpt-4-1106-preview $10 in / $30 out (OpenAI, November 2023); Mixtral-8x7B-Instruct $0.60 /
/// $0.60 (Together AI serverless, 2024); Claude 2 / 2.1 / 1 $8 / $24, Claude Instant $0.80 /
/// $2.40, GPT-3.5-Turbo-1106 $1 / $2, GPT-3.5-Turbo-0301 $1.50 / $2 (provider list prices);
/// open 7B-class models $0.20, 2B-class $0.10 (Together AI's 2024 per-size prices).
public enum TokenPrices {
    /// Input and output USD per million tokens.
    public struct Price: Sendable, Equatable {
        public var input: Double
        public var output: Double

        public init(input: Double, output: Double) {
            self.input = input
            self.output = output
        }

        public func cost(inputTokens: Double, outputTokens: Double) -> Double {
            (inputTokens * input + outputTokens * output) / 1_000_000
        }
    }

    public static let gpt4Turbo = Price(input: 10, output: 30)
    public static let mixtral = Price(input: 0.6, output: 0.6)

    /// RouteLLM's pair, by the column names of its data.
    public static let routeLLM: [String: Price] = [
        "gpt-4-1106-preview": gpt4Turbo,
        "mistralai/Mixtral-8x7B-Instruct-v0.1": mixtral,
    ]

    /// The AlpacaEval models with a public price, by AlpacaEval's model names.
    public static let alpacaEval: [String: Price] = [
        "gpt4_1106_preview": gpt4Turbo,
        "claude-2.1": Price(input: 8, output: 24),
        "claude-2": Price(input: 8, output: 24),
        "claude": Price(input: 8, output: 24),
        "claude-instant-1.2": Price(input: 0.8, output: 2.4),
        "gpt-3.5-turbo-1106": Price(input: 1, output: 2),
        "gpt-3.5-turbo-0301": Price(input: 1.5, output: 2),
        "Mixtral-8x7B-Instruct-v0.1_concise": mixtral,
        "OpenHermes-2.5-Mistral-7B": Price(input: 0.2, output: 0.2),
        "gemma-7b-it": Price(input: 0.2, output: 0.2),
        "gemma-2b-it": Price(input: 0.1, output: 0.1),
    ]

    /// Tokens of a single-message chat prompt: UTF-8 bytes / 4 plus the chat format's 7.
    public static func promptTokens(_ text: String) -> Double {
        Double((text.utf8.count + 3) / 4 + 7)
    }

    /// Tokens of generated text: UTF-8 bytes / 4.
    public static func outputTokens(_ text: String) -> Double {
        Double((text.utf8.count + 3) / 4)
    }
}
