// Small JSON checks shared by the Anthropic encoders.

enum AnthropicJSON {
    /// Whether `bytes` is exactly one JSON object (surrounding whitespace allowed).
    static func isObject(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { raw in
            var scanner = JSONScanner(raw)
            do {
                guard try scanner.next() == .objectStart else { return false }
                while try scanner.next() != .end {}
                return true
            } catch {
                return false
            }
        }
    }

    /// Tool arguments as an `input` object: empty or blank text (some providers send `""` for a
    /// call without arguments) reads as `{}`.
    static func toolInput(_ arguments: String, param: String) throws(AnthropicCodecError) -> [UInt8] {
        if arguments.utf8.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            return Array("{}".utf8)
        }
        let bytes = Array(arguments.utf8)
        guard isObject(bytes) else {
            throw AnthropicCodecError(.invalidToolArguments, param: param,
                                      "the arguments of tool call \(param) are not a JSON object")
        }
        return bytes
    }

    /// The media type and payload of a `data:<type>;base64,<payload>` URL, else nil.
    static func dataURL(_ url: String) -> (mediaType: String, data: String)? {
        guard url.hasPrefix("data:"), let comma = url.firstIndex(of: ",") else { return nil }
        let header = url[url.index(url.startIndex, offsetBy: 5) ..< comma]
        guard header.hasSuffix(";base64") else { return nil }
        return (String(header.dropLast(";base64".count)), String(url[url.index(after: comma)...]))
    }
}
