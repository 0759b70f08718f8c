import HTTP1
import Ledger
import Wire

/// `/admin/teams`: list, create or change, and remove teams over HTTP.
extension Gateway {
    /// `GET /admin/teams`.
    func adminListTeams() async throws(AdminError) -> AdminAnswer {
        let teams = try await withKeyStore { store throws(LedgerError) in try store.teams() }
        return .ok(AdminJSON.teams(teams))
    }

    /// `POST /admin/teams`: 201 for a new team, 200 for a change. Members left out keep their
    /// value and `null` removes a limit, so changing one limit never wipes the others.
    func adminSetTeam(_ body: [UInt8]) async throws(AdminError) -> AdminAnswer {
        let update: TeamUpdate
        do { update = try AdminBody.teamUpdate(body) } catch { throw AdminError(error) }
        let now = WallClock.milliseconds()
        let (team, created) = try await withKeyStore { store throws(LedgerError) in
            try store.apply(update, nowMs: now)
        }
        await reloadKeyCache()
        logger.notice("admin: team saved", metadata: ["team": .string(team.name)])
        return AdminAnswer(status: created ? HTTPStatus(201) : .ok, body: AdminJSON.team(team))
    }

    /// `DELETE /admin/teams/{name}`: refused while an active key names the team.
    func adminRemoveTeam(_ name: String) async throws(AdminError) -> AdminAnswer {
        try await withKeyStore { store throws(LedgerError) in try store.removeTeam(named: name) }
        await reloadKeyCache()
        logger.notice("admin: team removed", metadata: ["team": .string(name)])
        var json = JSONWriter()
        json.beginObject()
        json.member("object", "team")
        json.member("name", name)
        json.member("deleted", true)
        json.endObject()
        return .ok(json.bytes)
    }
}
