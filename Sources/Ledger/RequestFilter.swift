/// Which ledger rows a request lookup returns: `switchyard requests` and `GET /admin/requests`.
///
/// Every condition present must hold. Rows come newest first, read backwards through the `ts`
/// index, so "the last 50 errors of key X" stops after 50 matches instead of reading the range.
/// A lookup by request id scans the range too: ids carry no time, and an index on them would
/// cost every insert on the writer thread (about 1 µs a row, measured for the key index that
/// migration 4 dropped) for a lookup a person makes now and then.
public struct RequestFilter: Sendable, Equatable {
    public var requestID: String?
    public var keyID: String?
    public var team: String?
    /// The model asked for (a model, an alias or a router id) or the one that served.
    public var model: String?
    public var router: String?
    /// `tag:NAME=value` as a pair.
    public var tag: (name: String, value: String)?
    /// Only failed requests: an error class or a status of 400 or more.
    public var errorsOnly: Bool
    public var since: Int64?
    public var until: Int64?
    public var limit: Int

    public static let defaultLimit = 50
    public static let maxLimit = 1_000

    public init(requestID: String? = nil, keyID: String? = nil, team: String? = nil, model: String? = nil,
                router: String? = nil, tag: (name: String, value: String)? = nil, errorsOnly: Bool = false,
                since: Int64? = nil, until: Int64? = nil, limit: Int = RequestFilter.defaultLimit) {
        self.requestID = requestID
        self.keyID = keyID
        self.team = team
        self.model = model
        self.router = router
        self.tag = tag
        self.errorsOnly = errorsOnly
        self.since = since
        self.until = until
        self.limit = limit
    }

    public static func == (lhs: RequestFilter, rhs: RequestFilter) -> Bool {
        (lhs.requestID, lhs.keyID, lhs.team, lhs.model, lhs.router) == (rhs.requestID, rhs.keyID, rhs.team, rhs.model, rhs.router)
            && lhs.tag?.name == rhs.tag?.name && lhs.tag?.value == rhs.tag?.value
            && (lhs.errorsOnly, lhs.since, lhs.until, lhs.limit) == (rhs.errorsOnly, rhs.since, rhs.until, rhs.limit)
    }

    /// One statement for every filter: an absent condition binds NULL and is true.
    static let sql = """
        SELECT \(RowColumns.names) FROM requests
        WHERE ts >= ?1 AND ts < ?2
            AND (?3 IS NULL OR request_id = ?3)
            AND (?4 IS NULL OR key_id = ?4)
            AND (?5 IS NULL OR team = ?5)
            AND (?6 IS NULL OR requested_model = ?6 OR served_model = ?6)
            AND (?7 IS NULL OR router = ?7)
            AND (?8 IS NULL OR json_extract(tags, '$."' || ?8 || '"') = ?9)
            AND (?10 = 0 OR error_class IS NOT NULL OR status >= 400)
        ORDER BY ts DESC, id DESC LIMIT ?11
        """
}

extension SQLiteLedger {
    /// The rows `filter` selects, newest first, at most `filter.limit` (capped at `maxLimit`).
    public func requests(_ filter: RequestFilter) throws(LedgerError) -> [LedgerRow] {
        guard !(filter.tag.map { $0.name.contains("\"") } ?? false) else { return [] }
        return try db.query(RequestFilter.sql, bind: {
            $0.bind(1, filter.since ?? .min)
            $0.bind(2, filter.until ?? .max)
            $0.bind(3, filter.requestID)
            $0.bind(4, filter.keyID)
            $0.bind(5, filter.team)
            $0.bind(6, filter.model)
            $0.bind(7, filter.router)
            $0.bind(8, filter.tag?.name)
            $0.bind(9, filter.tag?.value)
            $0.bind(10, filter.errorsOnly)
            $0.bind(11, max(1, min(filter.limit, RequestFilter.maxLimit)))
        }) { s throws(LedgerError) in try RowColumns.read(s, db: db) }
    }
}
