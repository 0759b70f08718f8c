/// Checks on what the encoders write, shared by the request, response and stream paths.
enum FuzzCheck {
    /// Traps unless `bytes` is one JSON value. Nesting past the scanner's limit passes: RFC
    /// 8259 sets none, and an encoder that wraps a client's deepest allowed schema in its own
    /// envelope (or inlines `$ref`s, for Gemini) legitimately goes past it.
    static func requireJSON(_ bytes: some Collection<UInt8>, _ what: @autoclosure () -> String) {
        do throws(JSONError) {
            try JSONScanner.validate(Array(bytes), maxDepth: ContainerStack.capacity)
        } catch {
            guard error.code != .tooDeep else { return }
            preconditionFailure("\(what()) wrote invalid JSON (\(error)): \(String(decoding: bytes, as: UTF8.self))")
        }
    }

    /// A top-level member's value, as far as the stream checks look into it.
    enum Member: Equatable {
        case string(String)
        case int(Int)
        case other
    }

    /// The top-level members of the JSON object `bytes`, trapping unless it is one (nil past
    /// the nesting limit, see `requireJSON`). One scanner pass: parsing every event of every
    /// client stream into a `JSONValue` cost more than all the other checks of an input.
    static func members(of bytes: some Collection<UInt8>, _ what: @autoclosure () -> String) -> [String: Member]? {
        let result = Array(bytes).withUnsafeBytes { raw in
            Result { () throws(JSONError) -> [String: Member] in
                var scanner = JSONScanner(raw, maxDepth: ContainerStack.capacity)
                guard try scanner.next() == .objectStart else {
                    throw JSONError(.notAnObject, at: scanner.tokenStart, "not an object")
                }
                var members: [String: Member] = [:]
                while try scanner.next() == .key {
                    let key = scanner.decodedString()
                    let token = try scanner.next()
                    switch token {
                    case .string: members[key] = .string(scanner.decodedString())
                    case .number: members[key] = scanner.intValue().map(Member.int) ?? .other
                    default: members[key] = .other
                    }
                    try scanner.skipValue(startingWith: token)
                }
                _ = try scanner.next()
                return members
            }
        }
        switch result {
        case .success(let members): return members
        case .failure(let error) where error.code == .tooDeep: return nil
        case .failure(let error):
            preconditionFailure("\(what()) wrote an event that is not a JSON object (\(error)): \(String(decoding: bytes, as: UTF8.self))")
        }
    }

    /// The events of an SSE stream an encoder wrote, trapping unless it is whole blocks.
    static func events(of stream: [UInt8], _ what: String) -> [SSEEvent] {
        var reader = SSEReader()
        let events: [SSEEvent]
        do {
            events = try reader.feed(stream)
        } catch {
            preconditionFailure("\(what) wrote a stream the reader refuses: \(error)")
        }
        precondition(reader.finish().isEmpty, "\(what) left an unterminated block")
        return events
    }
}
