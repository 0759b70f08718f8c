/// Configurations get logged, so every textual form of a provider hides keys and header values.
extension ProviderConfig: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `openai (openai, https://api.openai.com/v1, keys: [sk-…(redacted)], headers: [X-Extra])`.
    public var description: String {
        var parts = [type.rawValue, baseURL, "keys: [\(apiKeys.map(\.redacted).joined(separator: ", "))]"]
        if !headers.isEmpty { parts.append("headers: [\(headers.keys.sorted().joined(separator: ", "))]") }
        return "\(name) (\(parts.joined(separator: ", ")))"
    }

    public var debugDescription: String {
        "ProviderConfig(name: \(name.debugDescription), type: \(type.rawValue), baseURL: \(baseURL.debugDescription), "
            + "apiKeys: [\(apiKeys.map(\.redacted).joined(separator: ", "))], "
            + "headers: [\(redactedHeaders.joined(separator: ", "))], timeouts: \(timeouts))"
    }

    /// Keeps `dump(_:)` and mirror-based printing from reaching the raw strings.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "name": name,
                "type": type,
                "baseURL": baseURL,
                "apiKeys": apiKeys.map(\.redacted),
                "headers": redactedHeaders,
                "timeouts": timeouts,
            ],
            displayStyle: .struct
        )
    }

    private var redactedHeaders: [String] {
        headers.keys.sorted().map { "\($0): …(redacted)" }
    }
}
