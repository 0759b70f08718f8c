/// Maps OpenAI error answers to the canonical `ProviderError`, and `ProviderError` back to
/// OpenAI's error object for callers on OpenAI routes (see `OpenAIErrorMapping+Caller.swift`).
///
/// Upstream errors are classified by their `code` and `type` first, then by status, because
/// OpenAI-compatible servers agree on status less than on codes (a context overflow is a 400,
/// a 413 or a 422 depending on the server). The body's `{"error":{…}}` may also be a bare
/// string or a top-level `message`, as some compatible servers send.
public enum OpenAIErrorMapping {
    /// An upstream error answer: its status, body and `retry-after` / `retry-after-ms` headers.
    public static func providerError(status: Int, body: [UInt8], retryAfter: String? = nil,
                                     retryAfterMs: String? = nil) -> ProviderError {
        let fields = ErrorFields(body[...])
        let kind = classify(status: status, fields)
        let message = fields.message ?? "The upstream provider answered with status \(status)."
        var error = ProviderError(kind: kind, status: status, message: message)
        error.retryAfter = seconds(milliseconds: retryAfterMs) ?? seconds(retryAfter)
        if error.retryAfter == nil && (kind == .rateLimited || kind == .overloaded) {
            error.retryAfter = retryHint(in: message)
        }
        return error
    }

    /// An `{"error":…}` chunk inside a stream: no status, so the kind comes from the body alone
    /// and the status is the one OpenAI gives that kind.
    public static func providerError(streamChunk data: ArraySlice<UInt8>) -> ProviderError {
        let fields = ErrorFields(data)
        let kind = classify(status: nil, fields)
        var error = ProviderError(kind: kind, status: status(for: kind, upstream: nil),
                                  message: fields.message ?? "The upstream provider failed mid-stream.")
        if kind == .rateLimited || kind == .overloaded { error.retryAfter = retryHint(in: error.message) }
        return error
    }

    /// The members of an error body that classification reads.
    struct ErrorFields {
        var message: String?
        var type: String?
        var code: String?

        init(_ body: ArraySlice<UInt8>) {
            guard let value = try? JSONValue.parse(body) else { return }
            let error = value["error"] ?? .null
            if let text = error.string {
                message = text
                return
            }
            let object = error.object != nil ? error : value
            message = object["message"]?.string
            type = object["type"]?.string
            // `code` is a string at OpenAI, a number at some compatible servers.
            code = object["code"].flatMap { $0.string ?? $0.int.map(String.init) }
        }

        func has(_ names: String...) -> Bool {
            names.contains { $0 == code || $0 == type }
        }
    }

    static func classify(status: Int?, _ fields: ErrorFields) -> ProviderError.Kind {
        let message = fields.message ?? ""
        if fields.has("context_length_exceeded") || message.contains("maximum context length") {
            return .contextLengthExceeded
        }
        if fields.has("content_policy_violation", "content_filter") { return .contentPolicy }
        if fields.has("rate_limit_exceeded", "insufficient_quota", "rate_limit_error") { return .rateLimited }
        if fields.has("invalid_api_key", "authentication_error") { return .authentication }
        if fields.has("model_not_found", "not_found_error") { return .notFound }
        if fields.has("permission_error") { return .permission }
        // Anthropic-style `overloaded_error` from compatible proxies; OpenAI says it in prose on a 503.
        if fields.has("overloaded", "overloaded_error") || status == 529
            || (status == 503 && message.contains("overloaded")) {
            return .overloaded
        }
        guard let status else {
            switch fields.type {
            case "invalid_request_error": return .invalidRequest
            case "timeout", "timeout_error": return .timeout
            default: return .server
            }
        }
        switch status {
        case 401: return .authentication
        case 403: return .permission
        case 404: return .notFound
        case 408, 504: return .timeout
        case 429: return .rateLimited
        case 400 ..< 500: return .invalidRequest
        default: return .server
        }
    }

    /// Whole seconds from a `retry-after` value in seconds (fractions round up); an HTTP date,
    /// which would need the clock, reads as nil.
    static func seconds(_ text: String?) -> Int? {
        guard let text, let value = Double(text.trimmingSpaces), value >= 0, value < 1e9 else { return nil }
        let whole = Int(value)
        return Double(whole) < value ? whole + 1 : whole
    }

    /// Whole seconds (rounded up) from a `retry-after-ms` value.
    static func seconds(milliseconds text: String?) -> Int? {
        guard let text, let value = Double(text.trimmingSpaces), value >= 0, value < 1e12 else { return nil }
        return seconds(String(value / 1000))
    }

    /// OpenAI's rate-limit messages end "Please try again in 6ms." / "in 1.5s." / "in 2m30s.";
    /// used only when no header says it.
    static func retryHint(in message: String) -> Int? {
        let utf8 = Array(message.utf8)
        let phrase = Array("try again in ".utf8)
        guard utf8.count >= phrase.count,
              let start = (0 ... utf8.count - phrase.count).first(where: { utf8[$0 ..< $0 + phrase.count].elementsEqual(phrase) })
        else { return nil }
        let tail = Array(utf8[(start + phrase.count)...].prefix(32))
        var total = 0.0
        var i = 0
        while i < tail.count {
            var j = i
            while j < tail.count && (JSONText.isDigit(tail[j]) || tail[j] == UInt8(ascii: ".")) { j += 1 }
            guard j > i, j < tail.count, let value = Double(String(decoding: tail[i ..< j], as: UTF8.self)) else { break }
            let unit = tail[j]
            let next = j + 1 < tail.count ? tail[j + 1] : 0
            if unit == UInt8(ascii: "m") && next == UInt8(ascii: "s") {
                total += value / 1000
                break
            }
            switch unit {
            case UInt8(ascii: "h"): total += value * 3600
            case UInt8(ascii: "m"): total += value * 60
            case UInt8(ascii: "s"): total += value
            default: break
            }
            // A unit other than h or m ends the duration ("2m30s." stops at the "s").
            guard unit == UInt8(ascii: "h") || unit == UInt8(ascii: "m") else { break }
            i = j + 1
        }
        guard total > 0 else { return nil }
        return seconds(String(total))
    }
}

extension String {
    /// The text without leading and trailing spaces and tabs (header values).
    fileprivate var trimmingSpaces: Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = lastIndex(where: { !isSpace($0) })!
        return self[first ... last]
    }
}
