import Foundation

/// Validates and normalises a provider's `base_url`.
enum BaseURLCheck {
    struct Problem: Error {
        var message: String
        var fix: String
    }

    /// The URL without trailing slashes, so callers can append `/chat/completions` and the like.
    /// Credentials in the URL are refused because base URLs are logged.
    static func normalize(_ text: String) -> Result<String, Problem> {
        let example = "https://api.example.com/v1"
        guard !text.isEmpty else {
            return .failure(Problem(message: "'base_url' is empty", fix: "write a URL such as \(example)"))
        }
        guard text.contains("://") else {
            return .failure(Problem(message: "base URL '\(text)' has no scheme",
                                    fix: "write it as https://\(text) (or http:// for a local server)"))
        }
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased() else {
            return .failure(Problem(message: "base URL '\(text)' is not a valid URL",
                                    fix: "check it for spaces and stray characters; it should look like \(example)"))
        }
        guard scheme == "http" || scheme == "https" else {
            let rest = text[text.range(of: "://")!.upperBound...]
            return .failure(Problem(message: "base URL '\(text)' uses '\(scheme)', but only http and https are supported",
                                    fix: "write it as https://\(rest)"))
        }
        guard let host = components.host, !host.isEmpty else {
            return .failure(Problem(message: "base URL '\(text)' has no host",
                                    fix: "write a host after \(scheme)://, e.g. \(scheme)://127.0.0.1:11434/v1"))
        }
        if components.user != nil || components.password != nil {
            return .failure(Problem(message: "base URL '\(text)' contains credentials",
                                    fix: "remove them from the URL and put the key under api_keys: or headers:"))
        }
        if let port = components.port, !(1...65535).contains(port) {
            return .failure(Problem(message: "port \(port) in base URL '\(text)' is out of range",
                                    fix: "use a port from 1 to 65535"))
        }
        if components.query != nil || components.fragment != nil {
            return .failure(Problem(message: "base URL '\(text)' has a query or fragment",
                                    fix: "remove everything from '?' or '#' on; the gateway appends the request path"))
        }
        var normalized = Substring(text)
        while normalized.hasSuffix("/") { normalized = normalized.dropLast() }
        return .success(String(normalized))
    }
}
