// Gemini's `{"embeddings":[{"values":[…]}]}` as OpenAI's embeddings list.

extension GeminiEmbeddings {
    /// Converts a 200 `batchEmbedContents` body (or an `embedContent` one, `{"embedding":…}`).
    /// Float vectors are copied number by number as Gemini wrote them, so no precision is lost.
    public func openAIResponse(fromGemini body: [UInt8]) throws(GeminiCodecError) -> [UInt8] {
        let read: (vectors: [[ArraySlice<UInt8>]], promptTokens: Int?)
        do {
            read = try body.withUnsafeBytes { raw in Result { () throws(JSONError) in try Self.vectors(raw) } }.get()
        } catch {
            throw GeminiCodecError(.malformedResponse, "the Gemini embeddings response is not valid JSON: \(error.message)")
        }
        guard read.vectors.count == inputs.count else {
            throw GeminiCodecError(.malformedResponse,
                                   "Gemini returned \(read.vectors.count) embeddings for \(inputs.count) inputs")
        }
        let tokens = read.promptTokens ?? estimatedPromptTokens
        var writer = JSONWriter(capacity: 128 + body.count + 32 * read.vectors.count)
        writer.beginObject()
        writer.member("object", "list")
        writer.key("data")
        writer.beginArray()
        for (index, values) in read.vectors.enumerated() {
            writer.beginObject()
            writer.member("object", "embedding")
            writer.member("index", index)
            writer.key("embedding")
            switch encodingFormat {
            case .float:
                writer.beginArray()
                for number in values { writer.raw(number) }
                writer.endArray()
            case .base64:
                writer.string(Self.base64Float32(values))
            }
            writer.endObject()
        }
        writer.endArray()
        writer.member("model", model)
        writer.key("usage")
        writer.beginObject()
        writer.member("prompt_tokens", tokens)
        writer.member("total_tokens", tokens)
        writer.endObject()
        writer.endObject()
        return writer.bytes
    }

    /// Each embedding's number tokens, and `usageMetadata.promptTokenCount` if Gemini sent it.
    static func vectors(_ bytes: UnsafeRawBufferPointer) throws(JSONError) -> ([[ArraySlice<UInt8>]], Int?) {
        let all = Array(bytes)
        var scanner = JSONScanner(bytes)
        guard try scanner.next() == .objectStart else { throw JSONError(.notAnObject, at: 0, "expected an object") }
        var vectors: [[ArraySlice<UInt8>]] = []
        var promptTokens: Int?
        while try scanner.next() == .key {
            if scanner.stringEquals("embeddings") {
                var token = try scanner.next()
                guard token == .arrayStart else { try scanner.skipValue(startingWith: token); continue }
                while true {
                    token = try scanner.next()
                    if token == .arrayEnd { break }
                    vectors.append(try values(in: token, &scanner, all))
                }
            } else if scanner.stringEquals("embedding") {
                vectors.append(try values(in: try scanner.next(), &scanner, all))
            } else if scanner.stringEquals("usageMetadata") {
                let token = try scanner.next()
                if token == .objectStart { promptTokens = try Usage.scanGemini(&scanner).promptTokens } else {
                    try scanner.skipValue(startingWith: token)
                }
            } else {
                try scanner.skipValue(startingWith: try scanner.next())
            }
        }
        _ = try scanner.next()
        return (vectors, promptTokens)
    }

    /// The number tokens of `values` in the `ContentEmbedding` object that starts with `token`.
    private static func values(in token: JSONToken, _ scanner: inout JSONScanner, _ all: [UInt8]) throws(JSONError)
        -> [ArraySlice<UInt8>] {
        guard token == .objectStart else {
            try scanner.skipValue(startingWith: token)
            return []
        }
        var numbers: [ArraySlice<UInt8>] = []
        while try scanner.next() == .key {
            guard scanner.stringEquals("values") else {
                try scanner.skipValue(startingWith: try scanner.next())
                continue
            }
            var next = try scanner.next()
            guard next == .arrayStart else { try scanner.skipValue(startingWith: next); continue }
            while true {
                next = try scanner.next()
                if next == .arrayEnd { break }
                guard next == .number else {
                    throw JSONError(.unexpectedByte, at: scanner.tokenStart, "an embedding value is not a number")
                }
                numbers.append(all[scanner.tokenStart ..< scanner.tokenEnd])
            }
        }
        return numbers
    }

    /// Base64 of the values as little-endian float32, OpenAI's `encoding_format: base64`.
    static func base64Float32(_ numbers: [ArraySlice<UInt8>]) -> String {
        var raw: [UInt8] = []
        raw.reserveCapacity(numbers.count * 4)
        for number in numbers {
            let value = number.withUnsafeBytes { JSONText.double($0, isInteger: false) }
            let bits = Float(value).bitPattern.littleEndian
            withUnsafeBytes(of: bits) { raw.append(contentsOf: $0) }
        }
        return GeminiBase64.encode(raw)
    }
}

/// Standard base64 (RFC 4648, padded), for OpenAI's base64 embedding vectors.
enum GeminiBase64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i + 3 <= bytes.count {
            let n = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2])
            out.append(alphabet[Int(n >> 18 & 63)])
            out.append(alphabet[Int(n >> 12 & 63)])
            out.append(alphabet[Int(n >> 6 & 63)])
            out.append(alphabet[Int(n & 63)])
            i += 3
        }
        let rest = bytes.count - i
        if rest > 0 {
            let n = UInt32(bytes[i]) << 16 | (rest == 2 ? UInt32(bytes[i + 1]) << 8 : 0)
            out.append(alphabet[Int(n >> 18 & 63)])
            out.append(alphabet[Int(n >> 12 & 63)])
            out.append(rest == 2 ? alphabet[Int(n >> 6 & 63)] : UInt8(ascii: "="))
            out.append(UInt8(ascii: "="))
        }
        return String(decoding: out, as: UTF8.self)
    }
}
