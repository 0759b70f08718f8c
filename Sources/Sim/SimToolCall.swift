/// One tool call the simulator decided to make: the function, its arguments as compact JSON, and
/// the argument text cut into the fragments a stream sends.
struct SimToolCall: Sendable, Equatable {
    /// Characters per streamed argument fragment, about what providers send per event.
    static let fragmentLength = 8

    var name: String
    /// A JSON object, compact.
    var arguments: String
    /// `arguments` in order, never empty: joined they give `arguments` back exactly.
    var argumentPieces: [String]

    init(name: String, arguments: String) {
        self.name = name
        self.arguments = arguments
        argumentPieces = Self.fragments(arguments)
    }

    /// The call id for call `index` of the response `responseID`: `prefix` and `length` random
    /// alphanumerics seeded by both, so ids are unique per response (Anthropic rejects a reused
    /// `tool_use` id within a conversation) yet the same bytes render the same in every part of it.
    static func id(prefix: String, length: Int, responseID: String, index: Int) -> String {
        var hash = StableHash()
        hash.combine(responseID)
        var random = SimRandom(seed: hash.value &+ UInt64(index))
        return prefix + ResponseIdentity.randomToken(length, &random)
    }

    /// Cuts text into pieces of `fragmentLength` characters (whole characters, so every piece is
    /// valid UTF-8).
    static func fragments(_ text: String) -> [String] {
        var pieces: [String] = []
        var current = ""
        var count = 0
        for character in text {
            current.append(character)
            count += 1
            if count == fragmentLength {
                pieces.append(current)
                current = ""
                count = 0
            }
        }
        if !current.isEmpty || pieces.isEmpty { pieces.append(current) }
        return pieces
    }
}
