import Config
import Foundation
import HTTP
import HTTP1
import Ledger
import Limits
import Logging
import Loop

/// Keys, limits, budgets, cost and the ledger: who calls, what they may spend, what it cost.
///
/// Stores live in one SQLite file in `data_dir`. Everything that touches disk runs on worker
/// threads (the ledger's writer thread, `offload` for key reloads); the loop only reads the
/// in-memory key directory and counters.
@LoopActor
final class Accounting {
    static let databaseName = "switchyard.db"

    let keys = KeyCache()
    let keyStore: KeyStore
    let writer: LedgerWriter
    let counters = InMemoryCounterStore()
    let costs = CostModel()
    let databasePath: String
    /// Keys are required unless the store has none and the gateway listens on loopback only.
    private let loopback: Bool
    private let logger: Logger
    /// `ledger.retention_days` as read at start (0: keep every row).
    private let retentionDays: Int
    private let refresh: LoopTimer
    private var lastMissReload: UInt64 = 0
    private var missReload: Task<Void, Never>?

    init(config: GatewayConfig, logger: Logger) throws(LedgerError) {
        try? FileManager.default.createDirectory(atPath: config.dataDir, withIntermediateDirectories: true)
        databasePath = (config.dataDir as NSString).appendingPathComponent(Self.databaseName)
        keyStore = try KeyStore(path: databasePath)
        let store = try SQLiteLedger(path: databasePath)
        writer = LedgerWriter(store: store, options: LedgerWriter.Options(
            commitIntervalMs: UInt64(config.ledger.commitIntervalMs), maxBatchRows: config.ledger.batchRows))
        loopback = Self.isLoopback(config.listen.host)
        self.logger = logger
        retentionDays = config.ledger.enabled ? config.ledger.retentionDays : 0
        refresh = LoopTimer()
        try keys.reload(from: keyStore)
        try restoreBudgets(from: store)
    }

    /// Whether requests may come without a key: only with no key at all, on loopback.
    var isOpen: Bool { keys.directory.count == 0 && loopback }

    func start() {
        if isOpen {
            logger.notice("no virtual key exists: the gateway is open to any caller on loopback; create one with `switchyard keys create`")
        } else if keys.directory.count == 0 {
            logger.warning("no virtual key exists and the gateway listens beyond loopback: every request is refused until a key is created")
        }
        // Retention rolls rows older than `retention_days` into daily totals and deletes them,
        // in small transactions between the writer's commits: soon after start (a gateway
        // restarted more often than hourly would otherwise never run it), then every hour.
        if retentionDays > 0 {
            writer.scheduleRetention(RetentionPolicy(keepDays: retentionDays), everyMs: 3_600_000, firstAfterMs: 2_000)
        }
        // Keys created, revoked or rotated by the CLI reach the running gateway within this period.
        refresh.start(after: 2_000, repeatEvery: 2_000) { [unowned self] in
            EventLoop.shared.spawn { try? await self.keys.reload(from: self.keyStore, loop: .shared) }
        }
    }

    func stop() async {
        refresh.close()
        await writer.close()
    }

    private static func isLoopback(_ host: String) -> Bool {
        host == "::1" || host.hasPrefix("127.") || host == "localhost"
    }

    /// Seeds budget counters with what the ledger says was spent in each budget's current
    /// period, so a restart does not hand out a fresh budget.
    private func restoreBudgets(from ledger: SQLiteLedger) throws(LedgerError) {
        let now = WallClock.milliseconds()
        let directory = keys.directory
        // Budgets share a few windows (a day, a month, ...): one pass over the ledger per window.
        var spentSince: [Int64: SpentTotals] = [:]
        func spent(since start: Int64) throws(LedgerError) -> SpentTotals {
            if let totals = spentSince[start] { return totals }
            let totals = try ledger.spentTotals(since: start)
            spentSince[start] = totals
            return totals
        }
        for key in try keyStore.list() where !key.isRevoked {
            guard let budget = key.budget?.limits else { continue }
            let window = budget.period.window(containing: now)
            let micros = try spent(since: window.lowerBound).keys[key.id] ?? 0
            if micros > 0 { counters.record(MicroDollars(micros: micros), at: now, for: ScopeBudget(.key(key.id), budget), now: now) }
        }
        for team in directory.teams.values {
            guard let budget = team.budget?.limits else { continue }
            let window = budget.period.window(containing: now)
            let micros = try spent(since: window.lowerBound).teams[team.name] ?? 0
            if micros > 0 { counters.record(MicroDollars(micros: micros), at: now, for: ScopeBudget(.team(team.name), budget), now: now) }
        }
    }

    // MARK: Authentication

    /// The caller's key from `Authorization: Bearer` or `x-api-key`, checked against the store.
    ///
    /// A presented key is always checked, even on an open gateway (a key created a moment ago
    /// must be attributed and limited from its first use); only a request without a key, or
    /// with a key unknown to a store that holds none, passes as anonymous on an open gateway.
    func authenticate(_ request: ServerRequest, model: String?) async throws(GatewayError) -> Principal {
        let presented = try Self.presentedKey(request)
        guard let secret = presented else {
            if isOpen { return .anonymous }
            throw GatewayError(.unauthorized, status: .unauthorized,
                               "You didn't provide an API key. Send it as 'Authorization: Bearer sy-…' or 'x-api-key: sy-…'.")
        }
        let now = WallClock.milliseconds()
        var check = keys.check(secret: secret, nowMs: now)
        if case .unknown = check {
            // Perhaps a key created a moment ago by the CLI or the admin API: look once more.
            await reloadAfterMiss()
            check = keys.check(secret: secret, nowMs: now)
        }
        switch check {
        case .unknown, .malformed:
            // Clients always send something (the SDKs require a key); on an open gateway a
            // value that is no virtual key is simply not one.
            if isOpen { return .anonymous }
        default:
            break
        }
        switch check {
        case .valid(let key):
            if let model, !key.allows(model: model) {
                throw GatewayError(.modelNotAllowed, status: .forbidden,
                                   "This key may not use the model '\(model)'.", param: "model")
            }
            return Principal(key: key, team: key.team.flatMap { keys.directory.team(named: $0) })
        case .revoked:
            throw GatewayError(.unauthorized, status: .unauthorized, "This API key has been revoked.")
        case .expired:
            throw GatewayError(.unauthorized, status: .unauthorized, "This API key has expired.")
        case .malformed, .unknown:
            throw GatewayError(.unauthorized, status: .unauthorized, "Incorrect API key provided.")
        }
    }

    /// One reload of the key directory for any number of concurrent misses, at most one start
    /// per `missReloadSpacing` (unknown keys from a scanner must not hammer the database).
    private func reloadAfterMiss() async {
        if let inFlight = missReload {
            await inFlight.value
            return
        }
        let since = EventLoop.hrtime() - lastMissReload
        let task = EventLoop.shared.spawn { [self] () async -> Void in
            if since < Self.missReloadSpacing {
                await EventLoop.shared.sleep(milliseconds: (Self.missReloadSpacing - since) / 1_000_000 + 1)
            }
            lastMissReload = EventLoop.hrtime()
            try? await keys.reload(from: keyStore, loop: .shared)
        }
        missReload = task
        await task.value
        missReload = nil
    }

    static let missReloadSpacing: UInt64 = 250_000_000

    /// nil when no key was sent; a malformed `Authorization` header is the caller's error.
    static func presentedKey(_ request: ServerRequest) throws(GatewayError) -> String? {
        let headers = request.head.headers
        if let index = headers.firstIndex(name: "authorization") {
            // Read on the bytes: splitting and lowercasing Strings cost ~9k instructions a request.
            guard let key = bearerToken(headers.valueBytes(at: index)) else {
                throw GatewayError(.invalidHeader, status: .badRequest,
                                   "The Authorization header must be 'Bearer <key>'.")
            }
            return key
        }
        return request.header("x-api-key")
    }

    /// The token of `Bearer <token>` (scheme case-insensitive, one or more spaces or tabs
    /// between), or nil when the value has another shape.
    nonisolated static func bearerToken(_ value: ArraySlice<UInt8>) -> String? {
        let scheme = "bearer".utf8
        var i = value.startIndex
        for expected in scheme {
            guard i < value.endIndex, Headers.lowercased(value[i]) == expected else { return nil }
            i += 1
        }
        let isBlank = { (b: UInt8) in b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") }
        guard i < value.endIndex, isBlank(value[i]) else { return nil }
        while i < value.endIndex, isBlank(value[i]) { i += 1 }
        var end = value.endIndex
        while end > i, isBlank(value[end - 1]) { end -= 1 }
        guard i < end, !value[i ..< end].contains(where: isBlank) else { return nil }
        return String(decoding: value[i ..< end], as: UTF8.self)
    }
}

extension Accounting {
    /// A key restricted to some models may use only those.
    func checkAllowed(_ principal: Principal, model: String) throws(GatewayError) {
        guard let key = principal.key, !key.allows(model: model) else { return }
        throw GatewayError(.modelNotAllowed, status: .forbidden, "This key may not use the model '\(model)'.", param: "model")
    }
}
