import HTTP
import HTTP1
import Ledger
import Loop

/// What an admin handler answers on success: a status and a JSON body.
struct AdminAnswer {
    let status: HTTPStatus
    let body: [UInt8]

    static func ok(_ body: [UInt8]) -> AdminAnswer { AdminAnswer(status: .ok, body: body) }
}

extension Gateway {
    /// `/admin/*`, guarded by the configuration's `admin_key`; without one the API does not exist.
    ///
    /// Every store call runs on a worker thread (`offload`): SQLite blocks on disk and the loop
    /// serves traffic meanwhile. Admin calls are not API calls, so they get no ledger row.
    func admin(_ request: ServerRequest, _ writer: ResponseWriter, _ record: inout RequestRecord, _ headers: Headers) async {
        guard let adminKey = config.adminKey else {
            record.errorCode = GatewayError.Code.notFound.rawValue
            writer.respond(GatewayError(.notFound, status: .notFound, "Unknown path \(request.path)."), headers: headers)
            return
        }
        do throws(AdminError) {
            guard Self.presentsAdminKey(request, adminKey.secret) else { throw AdminError.unauthorized }
            let answer = try await adminRoute(request)
            var headers = headers
            headers.append(name: "Content-Type", value: "application/json")
            headers.append(name: "Cache-Control", value: "no-store")
            writer.respond(status: answer.status, headers: headers, body: answer.body)
        } catch {
            record.errorCode = error.error.code
            writer.respond(error, headers: headers)
        }
    }

    /// `Authorization: Bearer <admin_key>`. Both sides are hashed first and the digests compared
    /// in constant time, so neither the position of a difference nor the key's length leaks.
    nonisolated static func presentsAdminKey(_ request: ServerRequest, _ secret: String) -> Bool {
        let headers = request.head.headers
        guard let index = headers.firstIndex(name: "authorization"),
              let token = Accounting.bearerToken(headers.valueBytes(at: index)) else { return false }
        return ConstantTime.equal(KeyHash(secret: token), KeyHash(secret: secret))
    }

    /// Dispatches on method and path segments after `/admin`.
    private func adminRoute(_ request: ServerRequest) async throws(AdminError) -> AdminAnswer {
        let segments = request.path.split(separator: "/").dropFirst().map(String.init)
        let method = request.method
        switch segments.first ?? "" {
        case "keys":
            switch (method, segments.count) {
            case (.post, 1): return try await adminCreateKey(request.body)
            case (.get, 1): return try await adminListKeys()
            case (.get, 2): return try await adminShowKey(segments[1])
            case (.delete, 2): return try await adminRevokeKey(segments[1])
            case (.post, 3) where segments[2] == "rotate": return try await adminRotateKey(segments[1])
            case (_, 1...2): throw AdminError.methodNotAllowed(method.rawValue, request.path)
            default: break
            }
        case "teams":
            switch (method, segments.count) {
            case (.get, 1): return try await adminListTeams()
            case (.post, 1): return try await adminSetTeam(request.body)
            case (.delete, 2): return try await adminRemoveTeam(segments[1])
            case (_, 1...2): throw AdminError.methodNotAllowed(method.rawValue, request.path)
            default: break
            }
        case "requests":
            switch (method, segments.count) {
            case (.get, 1): return try await adminRequests(request.query)
            case (.get, 2): return try await adminRequest(segments[1])
            case (_, 1...2): throw AdminError.methodNotAllowed(method.rawValue, request.path)
            default: break
            }
        case "spend" where segments.count == 1:
            guard method == .get else { throw AdminError.methodNotAllowed(method.rawValue, request.path) }
            return try await adminSpend(request.query)
        case "stats" where segments.count == 1:
            guard method == .get else { throw AdminError.methodNotAllowed(method.rawValue, request.path) }
            return adminStats()
        case "health" where segments.count == 1:
            guard method == .get else { throw AdminError.methodNotAllowed(method.rawValue, request.path) }
            return .ok(adminHealth())
        case "reload" where segments.count == 1:
            guard method == .post else { throw AdminError.methodNotAllowed(method.rawValue, request.path) }
            return try await adminReload()
        default:
            break
        }
        throw AdminError.notFound("Unknown path \(request.path).")
    }

    /// Runs `body` against the key store on a worker thread; store failures become admin errors.
    func withKeyStore<T: Sendable>(_ body: @escaping @Sendable (KeyStore) throws(LedgerError) -> T) async throws(AdminError) -> T {
        let store = accounting.keyStore
        let result = await EventLoop.shared.offload { () -> Result<T, LedgerError> in
            do throws(LedgerError) { return .success(try body(store)) } catch { return .failure(error) }
        }
        switch result {
        case .success(let value): return value
        case .failure(let failure): throw AdminError(failure)
        }
    }

    /// After a change, the hot path's key snapshot is read again at once (not at the next
    /// 2-second refresh), so a revoked key stops working before the admin call answers.
    func reloadKeyCache() async {
        do { try await accounting.keys.reload(from: accounting.keyStore, loop: .shared) } catch {
            logger.error("admin: reloading the key cache failed; the next periodic refresh retries",
                         metadata: ["error": .string(error.description)])
        }
    }
}

extension Gateway {
    /// The database file in `data_dir` that holds keys, teams and the ledger; the CLI opens
    /// the same file with connections of its own (WAL lets it while the gateway writes).
    public nonisolated static func databasePath(dataDir: String) -> String {
        dataDir.hasSuffix("/") ? dataDir + databaseFileName : dataDir + "/" + databaseFileName
    }

    /// `Accounting.databaseName`, readable off the loop (that one is loop-isolated); the e2e
    /// tests run the CLI against a gateway's data directory, so the two cannot drift apart unseen.
    nonisolated static let databaseFileName = "switchyard.db"
}
