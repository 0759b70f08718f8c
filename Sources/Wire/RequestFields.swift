/// The routing-relevant top-level members of a chat request body, found in one validating pass.
///
/// Only members of the top-level object count: a `model` key inside a message or a tool schema is
/// skipped with the rest of its container. A tracked key that appears twice is rejected with
/// `duplicateKey`, because parsers disagree on which copy wins and the gateway must route on the
/// same value the provider will read.
public struct RequestFields: Sendable, Equatable {
    /// Where a member's value sits in the body, and its kind.
    public struct Field: Sendable, Equatable {
        /// The value's bytes, quotes and brackets included.
        public var range: Range<Int>
        public var kind: JSONKind

        public init(range: Range<Int>, kind: JSONKind) {
            self.range = range
            self.kind = kind
        }
    }

    /// `model`, decoded, when it is a string.
    public var model: String?
    public var modelField: Field?
    /// `stream`, when it is a boolean.
    public var stream: Bool?
    public var streamField: Field?
    public var streamOptionsField: Field?
    /// Whether `stream_options` is an object holding `"include_usage": true`.
    public var includeUsage = false
    /// The value of `include_usage` inside `stream_options`, when present.
    public var includeUsageField: Field?
    /// Members of `stream_options` when it is an object (decides whether an insert needs a comma).
    public var streamOptionsMemberCount = 0
    /// `max_tokens`, when it is an integer that fits in `Int`.
    public var maxTokens: Int?
    public var maxTokensField: Field?
    /// `max_completion_tokens`, when it is an integer that fits in `Int`.
    public var maxCompletionTokens: Int?
    public var maxCompletionTokensField: Field?
    public var messagesField: Field?
    public var toolsField: Field?
    /// OpenAI's `metadata` object and `user` string: request attribution tags.
    public var metadataField: Field?
    public var userField: Field?
    /// Offset of the top-level object's closing `}`: new members are inserted here.
    public var closingBrace = 0
    /// Members of the top-level object.
    public var memberCount = 0

    public init() {}

    /// Validates `body` (strict RFC 8259, top level must be an object) and locates the tracked members.
    public static func scan(_ body: UnsafeRawBufferPointer) throws(JSONError) -> RequestFields {
        var scanner = JSONScanner(body)
        guard try scanner.next() == .objectStart else {
            throw JSONError(.notAnObject, at: scanner.tokenStart, "the request body must be a JSON object")
        }
        var fields = RequestFields()
        while try scanner.next() == .key {
            fields.memberCount += 1
            let key = TrackedKey(scanner)
            let keyOffset = scanner.tokenStart
            let token = try scanner.next()
            if let key {
                try fields.record(key, keyOffset: keyOffset, token: token, scanner: &scanner)
            } else {
                try scanner.skipValue(startingWith: token)
            }
        }
        fields.closingBrace = scanner.tokenStart
        _ = try scanner.next() // Throws unless only whitespace follows.
        return fields
    }

    /// `scan` over an array's bytes.
    public static func scan(_ body: [UInt8]) throws(JSONError) -> RequestFields {
        try withBytes(body) { (raw) throws(JSONError) in try scan(raw) }
    }

    /// `scan` over an array slice's bytes; ranges are offsets from the slice's start.
    public static func scan(_ body: ArraySlice<UInt8>) throws(JSONError) -> RequestFields {
        try withBytes(body) { (raw) throws(JSONError) in try scan(raw) }
    }
}
