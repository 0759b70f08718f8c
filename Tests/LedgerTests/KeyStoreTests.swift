import Foundation
import Loop
import XCTest
@testable import Ledger

final class KeyStoreTests: XCTestCase {
    func testCreateIssuesAnSyKeyOnceAndTheCacheAcceptsIt() throws {
        let store = try KeyStore(path: temporaryDatabase(self))
        let spec = KeySpec(name: "triage-bot", team: "support", tags: ["agent": "triage"], allowedModels: ["auto", "gpt-4o-mini"],
                           rpm: 60, tpm: 100_000, budget: BudgetSpec(limitMicros: 5_000_000, period: .month))
        let issued = try store.create(spec, nowMs: fixedNow)
        XCTAssertTrue(issued.secret.hasPrefix("sy-"))
        XCTAssertEqual(issued.secret.count, 46)
        XCTAssertTrue(issued.secret.dropFirst(3).allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        XCTAssertEqual(issued.key.prefix, String(issued.secret.prefix(7)))
        XCTAssertEqual(issued.key.display, issued.key.prefix + "…")
        XCTAssertTrue(issued.key.id.hasPrefix("key_"))

        XCTAssertEqual(try store.list(), [issued.key])
        XCTAssertEqual(try store.key(id: issued.key.id), issued.key)
        XCTAssertEqual(try store.find("triage-bot"), issued.key)

        let cache = KeyCache()
        try cache.reload(from: store)
        XCTAssertEqual(cache.check(secret: issued.secret, nowMs: fixedNow), .valid(issued.key))
        var wrong = Array(issued.secret.utf8)
        wrong[wrong.count - 1] = wrong.last == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        XCTAssertEqual(cache.check(secret: String(decoding: wrong, as: UTF8.self), nowMs: fixedNow), .unknown)
        XCTAssertEqual(cache.check(secret: "Bearer " + issued.secret, nowMs: fixedNow), .malformed)
        XCTAssertEqual(cache.check(secret: "sy-short", nowMs: fixedNow), .malformed)
        XCTAssertEqual(cache.check(secret: "sy-" + String(repeating: "é", count: 40), nowMs: fixedNow), .malformed)
        let fromBytes = Array(issued.secret.utf8).withUnsafeBytes { cache.check(secretBytes: $0, nowMs: fixedNow) }
        XCTAssertEqual(fromBytes.key?.id, issued.key.id)
    }

    func testTheRawKeyIsNeverInTheDatabaseFile() throws {
        let path = temporaryDatabase(self)
        let store = try KeyStore(path: path)
        var secrets: [String] = []
        for i in 0..<20 { secrets.append(try store.create(KeySpec(name: "k\(i)")).secret) }
        let rotated = try store.rotate(id: try store.find("k3").id)
        secrets.append(rotated.secret)
        let bytes = databaseBytes(path)
        XCTAssertGreaterThan(bytes.count, 0)
        for secret in secrets {
            XCTAssertNil(bytes.range(of: Data(secret.utf8)), "raw key found at rest")
            XCTAssertNil(bytes.range(of: Data(secret.dropFirst(7).utf8)), "secret part found at rest")
        }
        let hex = KeyHash(secret: rotated.secret).hex
        XCTAssertNotNil(bytes.range(of: Data(hex.utf8)), "the hash is what is stored")
    }

    func testRevokeStopsTheKeyAfterReloadAndKeepsItListed() async throws {
        let store = try KeyStore(path: temporaryDatabase(self))
        let issued = try store.create(KeySpec(name: "temp"), nowMs: fixedNow)
        let cache = KeyCache(try store.directory())
        let revoked = try store.revoke(id: issued.key.id, nowMs: fixedNow + 10)
        XCTAssertEqual(revoked.revokedAtMs, fixedNow + 10)
        XCTAssertEqual(cache.check(secret: issued.secret, nowMs: fixedNow + 20).key?.id, issued.key.id, "until the reload")
        try await EventLoop.shared.spawn { () async throws in
            try await cache.reload(from: store, loop: EventLoop.shared)
        }.value
        XCTAssertEqual(cache.check(secret: issued.secret, nowMs: fixedNow + 20), .revoked(revoked))
        XCTAssertEqual(try store.revoke(id: issued.key.id, nowMs: fixedNow + 99).revokedAtMs, fixedNow + 10)
        XCTAssertEqual(try store.list().count, 1)
        XCTAssertThrowsError(try store.find("temp")) { XCTAssertEqual(($0 as? LedgerError)?.code, .notFound) }
        XCTAssertThrowsError(try store.rotate(id: issued.key.id)) { XCTAssertEqual(($0 as? LedgerError)?.code, .invalid) }
        XCTAssertThrowsError(try store.revoke(id: "key_missing")) { XCTAssertEqual(($0 as? LedgerError)?.code, .notFound) }
    }

    func testRotateKeepsIdentityAndReplacesTheSecret() throws {
        let store = try KeyStore(path: temporaryDatabase(self))
        let original = try store.create(KeySpec(name: "svc", team: "core", rpm: 10), nowMs: fixedNow)
        let rotated = try store.rotate(id: original.key.id, nowMs: fixedNow + 5)
        XCTAssertNotEqual(rotated.secret, original.secret)
        XCTAssertEqual(rotated.key.id, original.key.id)
        XCTAssertEqual(rotated.key.name, "svc")
        XCTAssertEqual(rotated.key.team, "core")
        XCTAssertEqual(rotated.key.rpm, 10)
        XCTAssertEqual(rotated.key.createdAtMs, fixedNow)
        XCTAssertEqual(rotated.key.rotatedAtMs, fixedNow + 5)
        XCTAssertEqual(try store.key(id: original.key.id), rotated.key)
        let cache = KeyCache(try store.directory())
        XCTAssertEqual(cache.check(secret: original.secret, nowMs: fixedNow), .unknown)
        XCTAssertEqual(cache.check(secret: rotated.secret, nowMs: fixedNow).key?.id, original.key.id)
    }

    func testExpiryAndModelAllowlist() throws {
        let store = try KeyStore(path: temporaryDatabase(self))
        let issued = try store.create(KeySpec(name: "short", allowedModels: ["fast", "gpt-4o-mini"], expiresAtMs: fixedNow + 1_000), nowMs: fixedNow)
        let cache = KeyCache(try store.directory())
        let key = try XCTUnwrap(cache.check(secret: issued.secret, nowMs: fixedNow + 999).key)
        XCTAssertEqual(cache.check(secret: issued.secret, nowMs: fixedNow + 1_000), .expired(issued.key))
        XCTAssertTrue(key.allows(model: "fast"))
        XCTAssertTrue(key.allows(model: "gpt-4o-mini"))
        XCTAssertFalse(key.allows(model: "gpt-4o"))
        XCTAssertTrue(VirtualKey(id: "k", name: "open", createdAtMs: 0, prefix: "sy-x", hash: KeyHash(secret: "x")).allows(model: "anything"))
    }

    func testBudgetPeriodsRoundTripAndAnUnknownOneIsAnError() throws {
        let path = temporaryDatabase(self)
        let store = try KeyStore(path: path)
        for period in [BudgetSpec.Period.day, .week, .month, .rolling(hours: 24)] {
            XCTAssertEqual(BudgetSpec.Period(text: period.description), period)
            let issued = try store.create(KeySpec(name: "b", budget: BudgetSpec(limitMicros: 7, period: period)))
            XCTAssertEqual(try store.key(id: issued.key.id)?.budget?.period, period)
        }
        for bad in ["", "year", "rolling:h", "rolling:0h", "rolling:24"] { XCTAssertNil(BudgetSpec.Period(text: bad)) }
        let ledger = try SQLiteLedger(path: path)
        try ledger.db.run("UPDATE keys SET budget_period = 'fortnight'")
        XCTAssertThrowsError(try store.list()) { XCTAssertEqual(($0 as? LedgerError)?.code, .invalid) }
    }

    func testInvalidSpecsAreRefused() throws {
        let store = try KeyStore(path: temporaryDatabase(self))
        for spec in [KeySpec(name: ""), KeySpec(name: "a", rpm: 0), KeySpec(name: "a", tpm: -1),
                     KeySpec(name: "a", budget: BudgetSpec(limitMicros: -1, period: .day)), KeySpec(name: "a", allowedModels: [""])] {
            XCTAssertThrowsError(try store.create(spec)) { XCTAssertEqual(($0 as? LedgerError)?.code, .invalid) }
        }
        _ = try store.create(KeySpec(name: "twin"))
        _ = try store.create(KeySpec(name: "twin"))
        XCTAssertThrowsError(try store.find("twin")) { XCTAssertEqual(($0 as? LedgerError)?.code, .invalid) }
    }

    func testTeamsCarryTheirOwnLimitsAndBudgets() throws {
        let store = try KeyStore(path: temporaryDatabase(self))
        let team = Team(name: "support", rpm: 600, tpm: 1_000_000, budget: BudgetSpec(limitMicros: 100_000_000, period: .week), createdAtMs: fixedNow)
        try store.saveTeam(team)
        try store.saveTeam(Team(name: "research", createdAtMs: fixedNow))
        XCTAssertEqual(try store.teams().map(\.name), ["research", "support"])
        var changed = team
        changed.rpm = 1_200
        changed.createdAtMs = fixedNow + 1
        try store.saveTeam(changed)
        XCTAssertEqual(try store.team(named: "support")?.rpm, 1_200)
        XCTAssertEqual(try store.team(named: "support")?.createdAtMs, fixedNow, "creation time stays")
        XCTAssertEqual(try store.directory().team(named: "support")?.budget, team.budget)

        let member = try store.create(KeySpec(name: "agent", team: "support"))
        XCTAssertThrowsError(try store.removeTeam(named: "support")) { XCTAssertEqual(($0 as? LedgerError)?.code, .invalid) }
        try store.revoke(id: member.key.id)
        try store.removeTeam(named: "support")
        XCTAssertNil(try store.team(named: "support"))
        XCTAssertThrowsError(try store.removeTeam(named: "support")) { XCTAssertEqual(($0 as? LedgerError)?.code, .notFound) }
        XCTAssertThrowsError(try store.saveTeam(Team(name: "x", rpm: 0, createdAtMs: 0)))
    }
}
