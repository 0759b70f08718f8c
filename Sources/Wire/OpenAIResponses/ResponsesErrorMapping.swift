/// Responses API errors (a failed response's `error`, an `error` event) as canonical `ProviderError`s.
///
/// Responses errors carry a `code` from a set of their own (the SDK's `ResponseError.code`:
/// `server_error`, `rate_limit_exceeded`, `invalid_prompt`, policy and image codes…), mapped
/// here first; any other code or `type` is classified as `OpenAIErrorMapping` classifies a chat
/// stream's error chunk. A stream has no status, so the status is the one OpenAI gives the kind.
enum ResponsesErrorMapping {
    /// `error` is the error object itself, or an event that holds one under `error` (OpenAI's
    /// `error` events put `code` and `message` at the top level; some servers nest them).
    static func providerError(_ error: JSONValue) -> ProviderError {
        let fields = error["error"].flatMap { $0.object != nil ? $0 : nil } ?? error
        let message = fields["message"]?.string ?? "The upstream response failed."
        let kind = kind(code: fields["code"]?.string)
            ?? OpenAIErrorMapping.providerError(streamChunk: fields.encoded()[...]).kind
        var result = ProviderError(kind: kind, status: OpenAIErrorMapping.status(for: kind, upstream: nil),
                                   message: message)
        if kind == .rateLimited { result.retryAfter = OpenAIErrorMapping.retryHint(in: message) }
        return result
    }

    /// The kind of a Responses-specific code, nil for codes `OpenAIErrorMapping` knows (or none).
    ///
    /// `invalid_prompt` is the caller's fault; `ResponsesObject.writeError` writes it for invalid
    /// requests, context overflows and policy refusals alike, so it reads back as the first.
    static func kind(code: String?) -> ProviderError.Kind? {
        guard let code else { return nil }
        switch code {
        case "server_error": return .server
        case "invalid_prompt", "data_residency_mismatch": return .invalidRequest
        case "bio_policy", "misalignment_policy_violation", "image_content_policy_violation": return .contentPolicy
        case "vector_store_timeout": return .timeout
        default:
            // `invalid_image`, `image_too_large`, `failed_to_download_image`, `empty_image_file`…:
            // an image the caller sent could not be used.
            return code.contains("image") ? .invalidRequest : nil
        }
    }
}
