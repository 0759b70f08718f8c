/// The six kinds of JSON value.
public enum JSONKind: UInt8, Sendable, Equatable {
    case object
    case array
    case string
    case number
    case bool
    case null
}
