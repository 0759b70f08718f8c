import HTTP1
import Ledger

/// `/admin/keys`: create, list, show, revoke and rotate virtual keys over HTTP.
///
/// A key is named in the path by its id or, as in the CLI, by a name only one active key has.
/// The secret appears once, in the answer to create and rotate; lists and shows carry the
/// display prefix only, and nothing here logs a body.
extension Gateway {
    /// `POST /admin/keys` → 201 with the new key's `sy-…` secret.
    func adminCreateKey(_ body: [UInt8]) async throws(AdminError) -> AdminAnswer {
        let now = WallClock.milliseconds()
        let spec: KeySpec
        do { spec = try AdminBody.keySpec(body, nowMs: now) } catch { throw AdminError(error) }
        let issued = try await withKeyStore { store throws(LedgerError) in
            try store.createChecked(spec, nowMs: now)
        }
        await reloadKeyCache()
        logger.notice("admin: key created", metadata: ["key_id": .string(issued.key.id), "name": .string(issued.key.name)])
        return AdminAnswer(status: HTTPStatus(201), body: AdminJSON.key(issued.key, nowMs: now, secret: issued.secret))
    }

    /// `GET /admin/keys`: every key, revoked ones included.
    func adminListKeys() async throws(AdminError) -> AdminAnswer {
        let keys = try await withKeyStore { store throws(LedgerError) in try store.list() }
        return .ok(AdminJSON.keys(keys, nowMs: WallClock.milliseconds()))
    }

    /// `GET /admin/keys/{id}`.
    func adminShowKey(_ reference: String) async throws(AdminError) -> AdminAnswer {
        let key = try await withKeyStore { store throws(LedgerError) in try store.find(reference) }
        return .ok(AdminJSON.key(key, nowMs: WallClock.milliseconds()))
    }

    /// `DELETE /admin/keys/{id}`: revokes; the key stays listed because ledger rows name it.
    func adminRevokeKey(_ reference: String) async throws(AdminError) -> AdminAnswer {
        let now = WallClock.milliseconds()
        let key = try await withKeyStore { store throws(LedgerError) in
            try store.revoke(id: try store.find(reference).id, nowMs: now)
        }
        await reloadKeyCache()
        logger.notice("admin: key revoked", metadata: ["key_id": .string(key.id)])
        return .ok(AdminJSON.key(key, nowMs: now))
    }

    /// `POST /admin/keys/{id}/rotate`: a new secret for the same id, limits and counters.
    func adminRotateKey(_ reference: String) async throws(AdminError) -> AdminAnswer {
        let now = WallClock.milliseconds()
        let issued = try await withKeyStore { store throws(LedgerError) in
            try store.rotate(id: try store.find(reference).id, nowMs: now)
        }
        await reloadKeyCache()
        logger.notice("admin: key rotated", metadata: ["key_id": .string(issued.key.id)])
        return .ok(AdminJSON.key(issued.key, nowMs: now, secret: issued.secret))
    }
}
