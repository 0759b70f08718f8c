/// OpenAI's `reasoning_effort` levels and the canonical thinking budgets (tokens) they stand for.
///
/// Decoding: `low` 1024, `medium` 4096, `high` 16384, `xhigh` 32768. `minimal` reads as 1024
/// too, since no provider thinks in fewer tokens that Anthropic accepts (its floor is 1024);
/// `none` reads as no budget (the model's default), never 0, which other encoders would have to
/// reject. Encoding picks the largest of `low`/`medium`/`high` whose budget does not exceed the
/// canonical one, so the three documented levels round-trip; `minimal`, `none` and `xhigh` are
/// never sent because each is accepted only by some OpenAI model families.
public enum OpenAIReasoningEffort: String, Sendable, Equatable, CaseIterable {
    case none, minimal, low, medium, high, xhigh

    /// The canonical budget for this level; nil for `none`.
    public var thinkingBudget: Int? {
        switch self {
        case .none: nil
        case .minimal, .low: 1024
        case .medium: 4096
        case .high: 16384
        case .xhigh: 32768
        }
    }

    /// The level to ask an OpenAI upstream for; nil (send nothing) for a budget of 0 or less.
    public init?(thinkingBudget budget: Int) {
        switch budget {
        case ..<1: return nil
        case ..<4096: self = .low
        case ..<16384: self = .medium
        default: self = .high
        }
    }
}
