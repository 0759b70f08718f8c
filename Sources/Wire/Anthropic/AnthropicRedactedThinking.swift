/// How a `redacted_thinking` block travels through the canonical model, which has only
/// `.thinking(text:signature:)`: as empty thinking whose signature is the encrypted `data` behind
/// a fixed prefix. Other dialects treat the signature as opaque, so the block comes back intact
/// when the conversation returns to Anthropic.
public enum AnthropicRedactedThinking {
    /// Marks a canonical thinking signature that is really a redacted block's `data`.
    public static let signaturePrefix = "anthropic-redacted:"

    /// The canonical part for a `redacted_thinking` block.
    public static func part(data: String) -> ContentPart {
        .thinking(text: "", signature: signaturePrefix + data)
    }

    /// The canonical signature for a `redacted_thinking` block's `data`.
    public static func signature(data: String) -> String {
        signaturePrefix + data
    }

    /// The redacted block's `data` when `signature` carries one, else nil.
    public static func data(fromSignature signature: String?) -> String? {
        guard let signature, signature.hasPrefix(signaturePrefix) else { return nil }
        return String(signature.dropFirst(signaturePrefix.count))
    }
}
