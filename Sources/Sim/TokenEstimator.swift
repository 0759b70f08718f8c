/// Estimates token counts from text without a tokenizer: about four UTF-8 bytes per token plus a
/// fixed overhead per chat message, close to OpenAI's accounting for English prose.
///
/// Pure and dependency-free so the gateway can share it for limits and budget reservations.
public enum TokenEstimator {
    /// UTF-8 bytes per token; bytes rather than characters so CJK text (3 bytes, about one token
    /// per character) is not undercounted fourfold.
    public static let bytesPerToken = 4
    /// Tokens a message costs beyond its text (role and separators).
    public static let tokensPerMessage = 4
    /// Tokens that prime the assistant's reply, counted once per prompt.
    public static let replyPriming = 3

    /// Tokens in `text`: its UTF-8 length over `bytesPerToken`, rounded up.
    public static func tokens(in text: String) -> Int {
        tokens(utf8Count: text.utf8.count)
    }

    /// Tokens in a text of `utf8Count` bytes, rounded up.
    public static func tokens(utf8Count: Int) -> Int {
        (max(0, utf8Count) + bytesPerToken - 1) / bytesPerToken
    }

    /// Prompt tokens of a chat whose messages hold these texts.
    public static func promptTokens(messageTexts: some Sequence<String>) -> Int {
        var total = replyPriming
        for text in messageTexts { total += tokensPerMessage + tokens(in: text) }
        return total
    }
}
