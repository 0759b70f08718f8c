/// One `GenerateContentResponse` as the decoders need it: the first candidate's parts and the
/// facts around them. A whole response and every streamed event have this shape.
struct GeminiChunk {
    /// One `parts[]` entry; kinds the gateway does not translate (code execution) are skipped.
    enum Part: Equatable {
        case text(String, thought: Bool, signature: String?)
        /// `args` is the arguments object's JSON text as Gemini wrote it; `id` is set only where
        /// Gemini assigns call ids (Vertex AI, the Live API).
        case call(name: String, args: String, id: String?, signature: String?)
        case inlineData(mimeType: String, data: String, signature: String?)
    }

    var parts: [Part] = []
    var finishReason: String?
    var usage: Usage?
    var responseID: String?
    var modelVersion: String?
    /// `promptFeedback.blockReason`: the prompt itself was refused and no candidate follows.
    var blockReason: String?
    /// An `{"error": …}` object in place of a response (streams report failures this way).
    var errorBody: [UInt8]?

    /// Reads one response object from `bytes`; only the first candidate is read, since the
    /// gateway never asks for more. Without `identity`, `responseId` and `modelVersion` are
    /// skipped: a stream repeats them in every event and needs them once.
    static func read(_ bytes: UnsafeRawBufferPointer, identity: Bool = true) throws(JSONError) -> GeminiChunk {
        var chunk = GeminiChunk()
        var scanner = JSONScanner(bytes)
        guard try scanner.next() == .objectStart else {
            throw JSONError(.notAnObject, at: 0, "a Gemini response is a JSON object")
        }
        while try scanner.next() == .key {
            if scanner.stringEquals("candidates") {
                try chunk.readCandidates(&scanner)
            } else if scanner.stringEquals("usageMetadata") {
                let token = try scanner.next()
                if token == .objectStart {
                    chunk.usage = try Usage.scanGemini(&scanner)
                } else {
                    try scanner.skipValue(startingWith: token)
                }
            } else if identity && scanner.stringEquals("responseId") {
                chunk.responseID = try readString(&scanner)
            } else if identity && scanner.stringEquals("modelVersion") {
                chunk.modelVersion = try readString(&scanner)
            } else if scanner.stringEquals("promptFeedback") {
                chunk.blockReason = try readMember("blockReason", &scanner)
            } else if scanner.stringEquals("error") {
                let token = try scanner.next()
                let start = scanner.tokenStart
                try scanner.skipValue(startingWith: token)
                chunk.errorBody = Array(UnsafeRawBufferPointer(rebasing: bytes[start ..< scanner.tokenEnd]))
            } else {
                try scanner.skipValue(startingWith: try scanner.next())
            }
        }
        _ = try scanner.next()
        return chunk
    }

    /// `read` over an array slice.
    static func read(_ bytes: ArraySlice<UInt8>, identity: Bool = true) throws(JSONError) -> GeminiChunk {
        try withBytes(bytes) { (raw) throws(JSONError) in try read(raw, identity: identity) }
    }

    private mutating func readCandidates(_ scanner: inout JSONScanner) throws(JSONError) {
        var token = try scanner.next()
        guard token == .arrayStart else { return try scanner.skipValue(startingWith: token) }
        token = try scanner.next()
        guard token != .arrayEnd else { return }
        if token == .objectStart {
            try readCandidate(&scanner)
        } else {
            try scanner.skipValue(startingWith: token)
        }
        // Further candidates exist only when `candidateCount` > 1, which the gateway never sets.
        while true {
            token = try scanner.next()
            if token == .arrayEnd { return }
            try scanner.skipValue(startingWith: token)
        }
    }

    private mutating func readCandidate(_ scanner: inout JSONScanner) throws(JSONError) {
        while try scanner.next() == .key {
            if scanner.stringEquals("content") {
                let token = try scanner.next()
                guard token == .objectStart else { try scanner.skipValue(startingWith: token); continue }
                while try scanner.next() == .key {
                    if scanner.stringEquals("parts") {
                        try readParts(&scanner)
                    } else {
                        try scanner.skipValue(startingWith: try scanner.next())
                    }
                }
            } else if scanner.stringEquals("finishReason") {
                finishReason = try Self.readString(&scanner)
            } else {
                try scanner.skipValue(startingWith: try scanner.next())
            }
        }
    }

    /// The string value after a key, or nil (and the value skipped) when it is not a string.
    static func readString(_ scanner: inout JSONScanner) throws(JSONError) -> String? {
        let token = try scanner.next()
        guard token == .string else {
            try scanner.skipValue(startingWith: token)
            return nil
        }
        return scanner.decodedString()
    }

    /// The string member `key` of the object value after a key; other members are skipped.
    static func readMember(_ key: StaticString, _ scanner: inout JSONScanner) throws(JSONError) -> String? {
        let token = try scanner.next()
        guard token == .objectStart else {
            try scanner.skipValue(startingWith: token)
            return nil
        }
        var value: String?
        while try scanner.next() == .key {
            if scanner.stringEquals(key) {
                value = try readString(&scanner)
            } else {
                try scanner.skipValue(startingWith: try scanner.next())
            }
        }
        return value
    }
}
