import ArgumentParser
import Gateway
import Ledger

extension KeysCommand {
    /// `keys list`: every key, revoked ones included.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List keys (never their secrets).")

        @Flag(help: "Print JSON instead of a table.")
        var json = false
        @OptionGroup var store: StoreOptions

        func run() throws {
            let keys: [VirtualKey]
            do { keys = try store.keyStore(create: false).list() } catch let error as LedgerError { throw CLI.fail(error) }
            let now = WallClock.milliseconds()
            if json {
                CLI.print(String(decoding: AdminJSON.keys(keys, nowMs: now), as: UTF8.self))
                return
            }
            var table = TextTable(["ID", "NAME", "KEY", "STATUS", "TEAM", "RPM", "TPM", "BUDGET", "EXPIRES", "MODELS", "TAGS"], numeric: [5, 6])
            for key in keys {
                table.add([
                    key.id, key.name, key.display, AdminJSON.status(of: key, nowMs: now), key.team ?? "-",
                    key.rpm.map(String.init) ?? "-", key.tpm.map(String.init) ?? "-", Self.budget(key.budget),
                    key.expiresAtMs.map(TimeArgument.format) ?? "-",
                    key.allowedModels.isEmpty ? "any" : key.allowedModels.joined(separator: ","),
                    key.tags.isEmpty ? "-" : key.tags.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ","),
                ])
            }
            CLI.print(keys.isEmpty ? "No keys. Create one with `switchyard keys create --name NAME`." : table.render())
        }

        static func budget(_ budget: BudgetSpec?) -> String {
            budget.map { "$\(SpendRendering.usd($0.limitMicros))/\($0.period)" } ?? "-"
        }
    }

    /// `keys show ID|NAME`.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one key by id or name (never its secret).")

        @Argument(help: "The key's id, or a name only one active key has.")
        var key: String
        @OptionGroup var store: StoreOptions

        func run() throws {
            let found: VirtualKey
            do { found = try store.keyStore(create: false).find(key) } catch let error as LedgerError { throw CLI.fail(error) }
            let now = WallClock.milliseconds()
            let lines: [(String, String)] = [
                ("id", found.id), ("name", found.name), ("key", found.display),
                ("status", AdminJSON.status(of: found, nowMs: now)), ("team", found.team ?? "-"),
                ("tags", found.tags.isEmpty ? "-" : found.tags.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")),
                ("models", found.allowedModels.isEmpty ? "any" : found.allowedModels.joined(separator: ", ")),
                ("rpm", found.rpm.map(String.init) ?? "-"), ("tpm", found.tpm.map(String.init) ?? "-"),
                ("budget", List.budget(found.budget)),
                ("expires", found.expiresAtMs.map(TimeArgument.format) ?? "never"),
                ("created", TimeArgument.format(found.createdAtMs)),
                ("rotated", found.rotatedAtMs.map(TimeArgument.format) ?? "-"),
                ("revoked", found.revokedAtMs.map(TimeArgument.format) ?? "-"),
            ]
            CLI.print(lines.map { "\($0.0 + ":")\(String(repeating: " ", count: 9 - $0.0.count))\($0.1)" }.joined(separator: "\n"))
        }
    }

    /// `keys revoke ID|NAME`.
    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a key: it stops working within two seconds and stays listed.")

        @Argument(help: "The key's id, or a name only one active key has.")
        var key: String
        @OptionGroup var store: StoreOptions

        func run() throws {
            let revoked: VirtualKey
            do {
                let keys = try store.keyStore(create: false)
                revoked = try keys.revoke(id: try keys.find(key).id)
            } catch let error as LedgerError { throw CLI.fail(error) }
            CLI.print("Revoked key \(revoked.id) (\(revoked.name)) at \(TimeArgument.format(revoked.revokedAtMs ?? 0)).")
        }
    }

    /// `keys rotate ID|NAME`: a new secret, same id, limits and counters.
    struct Rotate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Issue a new secret for a key (same id, limits and spend); the old secret stops working.")

        @Argument(help: "The key's id, or a name only one active key has.")
        var key: String
        @Flag(help: "Print the key as JSON (with the new secret).")
        var json = false
        @OptionGroup var store: StoreOptions

        func run() throws {
            let issued: IssuedKey
            do {
                let keys = try store.keyStore(create: false)
                issued = try keys.rotate(id: try keys.find(key).id)
            } catch let error as LedgerError { throw CLI.fail(error) }
            if json {
                CLI.print(String(decoding: AdminJSON.key(issued.key, nowMs: WallClock.milliseconds(), secret: issued.secret), as: UTF8.self))
                return
            }
            CLI.print("""
                Rotated key \(issued.key.id) (\(issued.key.name)).
                id:  \(issued.key.id)
                key: \(issued.secret)
                Store the new key now: it is shown only this once. The old one stops working.
                """)
        }
    }
}
