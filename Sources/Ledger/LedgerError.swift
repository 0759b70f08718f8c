/// A ledger or key-store failure: a stable code, SQLite's result code when one caused it, and a message.
public struct LedgerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, stable across versions (scripts and the admin API match on it).
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// SQLite refused an operation; `sqliteCode` says why.
        public static let sqlite = Code(rawValue: "sqlite")
        /// The database was written by a newer Switchyard (its schema version is unknown here).
        public static let schemaTooNew = Code(rawValue: "schema_too_new")
        /// No key or team with that id or name.
        public static let notFound = Code(rawValue: "not_found")
        /// An argument the store cannot accept (empty name, negative limit, bad grouping).
        public static let invalid = Code(rawValue: "invalid")
        /// The writer was closed before the call.
        public static let closed = Code(rawValue: "closed")
    }

    public let code: Code
    /// SQLite's extended result code, when SQLite reported the failure.
    public let sqliteCode: Int32?
    public let message: String

    public init(_ code: Code, _ message: String, sqliteCode: Int32? = nil) {
        self.code = code
        self.message = message
        self.sqliteCode = sqliteCode
    }

    public var description: String {
        if let sqliteCode { return "\(code) (\(sqliteCode)): \(message)" }
        return "\(code): \(message)"
    }
}
