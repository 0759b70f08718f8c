/// Where a canonical image goes in a Gemini part: inline bytes or a URI Gemini fetches itself.
///
/// Decision: Gemini's Developer API fetches only URIs it knows (Files API uploads, `gs://`
/// objects, YouTube); an arbitrary `https:` image URL is refused with `unsupportedImageURL`
/// rather than sent and failed upstream, unless the deployment says its endpoint accepts
/// external URLs. The gateway does not download images itself (this module does no I/O).
enum GeminiMedia: Equatable {
    case inline(mimeType: String, data: String)
    case file(mimeType: String?, uri: String)

    /// URI prefixes Gemini resolves without help.
    static let fetchablePrefixes = [
        "gs://", "https://generativelanguage.googleapis.com/", "https://www.youtube.com/",
        "https://youtube.com/", "https://youtu.be/",
    ]

    static func placement(_ source: ImageSource, allowExternalURLs: Bool) throws(GeminiCodecError) -> GeminiMedia {
        switch source {
        case .base64(let mediaType, let data):
            return .inline(mimeType: mediaType, data: data)
        case .url(let url):
            if url.hasPrefix("data:") { return try dataURL(url) }
            let fetchable = fetchablePrefixes.contains { url.hasPrefix($0) }
            let external = url.hasPrefix("https://") || url.hasPrefix("http://")
            guard fetchable || (allowExternalURLs && external) else {
                throw GeminiCodecError(.unsupportedImageURL, "Gemini cannot fetch the image URL '\(prefix(of: url))'; "
                    + "send the image inline as a base64 data URL")
            }
            return .file(mimeType: mimeType(forURL: url), uri: url)
        }
    }

    /// `data:<type>;base64,<data>`; other `data:` forms carry no base64 Gemini could use.
    static func dataURL(_ url: String) throws(GeminiCodecError) -> GeminiMedia {
        let body = url.dropFirst("data:".count)
        guard let comma = body.firstIndex(of: ","),
              body[..<comma].hasSuffix(";base64") else {
            throw GeminiCodecError(.invalidImage, "an image data URL must have the form data:<type>;base64,<data>")
        }
        let mime = body[..<comma].dropLast(";base64".count)
        guard !mime.isEmpty else {
            throw GeminiCodecError(.invalidImage, "an image data URL must name its media type")
        }
        return .inline(mimeType: String(mime), data: String(body[body.index(after: comma)...]))
    }

    /// The media type implied by the URL path's extension, or nil when it names none we know.
    static func mimeType(forURL url: String) -> String? {
        var path = Substring(url)
        if let end = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<end] }
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
        return mimeTypes[path[path.index(after: dot)...].lowercased()]
    }

    static let mimeTypes: [String: String] = [
        "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "webp": "image/webp",
        "gif": "image/gif", "heic": "image/heic", "heif": "image/heif", "pdf": "application/pdf",
        "mp4": "video/mp4", "mov": "video/quicktime", "webm": "video/webm", "mp3": "audio/mp3",
        "wav": "audio/wav", "txt": "text/plain",
    ]

    /// The start of a URL for an error message; a long URL may hold a token.
    private static func prefix(of url: String) -> String {
        url.count > 80 ? String(url.prefix(80)) + "…" : url
    }
}
