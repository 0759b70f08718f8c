/// Request paths and headers of Google's Gemini API, where the model is part of the path.
public enum GeminiEndpoint {
    /// Google's public endpoint; the paths below are relative to it.
    public static let defaultBaseURL = "https://generativelanguage.googleapis.com"
    /// The header that carries the API key (Gemini also takes a `key=` query parameter, which
    /// would put the key in access logs).
    public static let apiKeyHeader = "x-goog-api-key"

    /// The API version the codec's formats follow; `thoughtSignature`, `thinkingConfig` and
    /// `responseJsonSchema` exist only in `v1beta`.
    public static let apiVersion = "v1beta"

    /// `/v1beta/models/{model}:generateContent`, or `:streamGenerateContent?alt=sse` for streams
    /// (without `alt=sse` Gemini streams one JSON array instead of events).
    public static func generateContentPath(model: String, stream: Bool) -> String {
        resourcePath(model) + (stream ? ":streamGenerateContent?alt=sse" : ":generateContent")
    }

    /// `/v1beta/models/{model}:batchEmbedContents`.
    public static func batchEmbedContentsPath(model: String) -> String {
        resourcePath(model) + ":batchEmbedContents"
    }

    /// `/v1beta/models/{model}:embedContent`.
    public static func embedContentPath(model: String) -> String {
        resourcePath(model) + ":embedContent"
    }

    /// The resource name Gemini expects in bodies (`models/{model}`), as `batchEmbedContents`
    /// requires on every entry.
    public static func resourceName(_ model: String) -> String {
        if model.hasPrefix("models/") || model.hasPrefix("tunedModels/") { return model }
        return "models/" + model
    }

    /// `/v1beta/` plus the resource name, escaped so that a model id can never add path segments
    /// or a `:method` of its own.
    static func resourcePath(_ model: String) -> String {
        let name = resourceName(model)
        let slash = name.utf8.firstIndex(of: UInt8(ascii: "/"))!
        let collection = name[..<slash]
        let id = name[name.index(after: slash)...]
        return "/" + apiVersion + "/" + collection + "/" + percentEncoded(id)
    }

    /// Percent-encodes every byte outside RFC 3986's unreserved set.
    static func percentEncoded(_ text: Substring) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for b in text.utf8 {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                 UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.append(b)
            default:
                out.append(UInt8(ascii: "%"))
                out.append(hex[Int(b >> 4)])
                out.append(hex[Int(b & 0x0F)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
