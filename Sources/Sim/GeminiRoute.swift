/// A Gemini API path, `/{version}/models/{model}:{method}`, taken apart.
struct GeminiRoute: Sendable, Equatable {
    /// The methods the simulator serves; anything else after the colon is `other`.
    enum Method: Sendable, Equatable {
        case generateContent
        case streamGenerateContent
        case embedContent
        case batchEmbedContents
        case other(String)
    }

    /// The model id without its `models/` prefix.
    var model: String
    var method: Method
}

extension GeminiRoute {
    /// Nil unless `path` is `/v1beta/…` or `/v1/…`, then `models/` or `tunedModels/`, an id
    /// without slashes, a colon and a method name.
    init?(path: Substring) {
        var rest: Substring
        if path.hasPrefix("/v1beta/") {
            rest = path.dropFirst("/v1beta/".count)
        } else if path.hasPrefix("/v1/") {
            rest = path.dropFirst("/v1/".count)
        } else {
            return nil
        }
        if rest.hasPrefix("models/") {
            rest = rest.dropFirst("models/".count)
        } else if rest.hasPrefix("tunedModels/") {
            rest = rest.dropFirst("tunedModels/".count)
        } else {
            return nil
        }
        guard let colon = rest.lastIndex(of: ":") else { return nil }
        let model = rest[..<colon]
        let method = rest[rest.index(after: colon)...]
        guard !model.isEmpty, !model.contains("/"), !method.isEmpty else { return nil }
        self.model = String(model).removingPercentEscapes
        switch method {
        case "generateContent": self.method = .generateContent
        case "streamGenerateContent": self.method = .streamGenerateContent
        case "embedContent": self.method = .embedContent
        case "batchEmbedContents": self.method = .batchEmbedContents
        default: self.method = .other(String(method))
        }
    }

    /// Whether a query string asks for Server-Sent Events (`alt=sse`) rather than a JSON array.
    static func wantsSSE(_ query: Substring?) -> Bool {
        query?.split(separator: "&").contains("alt=sse") ?? false
    }

    /// The API key from the `key` query parameter, if any.
    static func queryKey(_ query: Substring?) -> Substring? {
        query?.split(separator: "&").first { $0.hasPrefix("key=") }.map { $0.dropFirst(4) }
    }
}

extension String {
    /// The text with `%XX` escapes decoded; malformed escapes stay as they are.
    fileprivate var removingPercentEscapes: String {
        guard contains("%") else { return self }
        var out: [UInt8] = []
        let bytes = Array(utf8)
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "%"), i + 2 < bytes.count,
               let value = UInt8(String(decoding: bytes[i + 1 ... i + 2], as: UTF8.self), radix: 16) {
                out.append(value)
                i += 3
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
