/// One step of a `JSONScanner` walk; the token's bytes are `tokenStart..<tokenEnd`.
public enum JSONToken: UInt8, Sendable, Equatable {
    case objectStart
    case objectEnd
    case arrayStart
    case arrayEnd
    /// An object member's name; the scanner has already consumed the `:` after it.
    case key
    case string
    case number
    case `true`
    case `false`
    case null
    /// The top-level value is complete and only whitespace follows; repeats if asked again.
    case end

    /// The kind of value this token begins, or nil for `objectEnd`, `arrayEnd`, `key` and `end`.
    public var valueKind: JSONKind? {
        switch self {
        case .objectStart: .object
        case .arrayStart: .array
        case .string: .string
        case .number: .number
        case .true, .false: .bool
        case .null: .null
        case .objectEnd, .arrayEnd, .key, .end: nil
        }
    }
}
