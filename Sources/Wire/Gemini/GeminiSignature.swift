/// Gemini thought signatures in canonical form: tagged with their origin.
///
/// A signature is only valid for the provider (and model) that issued it: Gemini 3 answers a
/// function call carrying a foreign one with "400 Corrupted thought signature", and Anthropic
/// rejects a thinking block whose signature it did not sign. A router moves conversations between
/// providers, so the canonical form says where each signature came from: Gemini's travel as
/// `gemini:<signature>`. `GeminiRequestEncoder` sends a tagged signature back exactly as Gemini
/// issued it and drops untagged ones (another provider's), putting its placeholder on a call
/// that is left without one. Other dialects treat the whole string as opaque.
public enum GeminiSignature {
    public static let prefix = "gemini:"

    /// The canonical form of a signature Gemini sent.
    public static func canonical(_ wire: String) -> String {
        prefix + wire
    }

    /// The signature to send to Gemini, or nil when `canonical` did not come from Gemini.
    public static func wire(_ canonical: String?) -> String? {
        guard let canonical, canonical.hasPrefix(prefix) else { return nil }
        let signature = canonical.dropFirst(prefix.count)
        return signature.isEmpty ? nil : String(signature)
    }
}
