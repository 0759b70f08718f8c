import ArgumentParser
import Gateway
import Ledger

/// `switchyard keys`: virtual keys in the database of the configuration's `data_dir`.
///
/// Secrets are stored as SHA-256 hashes only; `create` and `rotate` print the new secret once.
/// A running gateway picks changes up within two seconds (its key cache refresh), or at once
/// for a key it has not seen yet.
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Create, list, show, revoke and rotate virtual keys.",
        subcommands: [Create.self, List.self, Show.self, Revoke.self, Rotate.self])

    /// `keys create`: prints the new key once.
    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a key and print its secret (shown once, stored only as a hash).")

        @Option(help: "A name for people (need not be unique).")
        var name: String
        @Option(help: "The team it belongs to (its limits and budget apply too); create the team first.")
        var team: String?
        @Option(name: .customLong("tag"), help: "Attribution tag NAME=VALUE, repeatable.")
        var tags: [String] = []
        @Option(help: "Models, aliases or routers it may use, comma-separated; default: any.")
        var models: String?
        @Option(help: "Requests per minute.")
        var rpm: Int?
        @Option(help: "Tokens per minute.")
        var tpm: Int?
        @Option(help: "Spend limit in US dollars per budget period (e.g. 25 or 0.50).")
        var budget: String?
        @Option(name: .customLong("budget-period"), help: "day, week or month (UTC calendar) or rolling:<hours>h.")
        var budgetPeriod: String?
        @Option(help: "Expiry: YYYY-MM-DD (stops at 00:00 UTC that day), an RFC 3339 time, or a duration from now (30d).")
        var expires: String?
        @Flag(help: "Print the key as JSON (with the secret).")
        var json = false
        @OptionGroup var store: StoreOptions

        func run() throws {
            let now = WallClock.milliseconds()
            var spec = KeySpec(name: name, team: team)
            do {
                spec.tags = try KeyArguments.tags(tags)
                spec.allowedModels = try models.map(KeyArguments.models) ?? []
                spec.rpm = try KeyArguments.limit(rpm, name: "rpm")
                spec.tpm = try KeyArguments.limit(tpm, name: "tpm")
                spec.budget = try KeyArguments.budget(usd: budget, period: budgetPeriod)
            } catch {
                throw CLI.fail(error)
            }
            if let expires {
                do { spec.expiresAtMs = try TimeArgument.expiry(expires, nowMs: now) } catch {
                    throw CLI.fail("--expires: \(error.description)")
                }
            }
            guard !name.isEmpty else { throw CLI.fail("--name must not be empty") }
            let keys = try store.keyStore(create: true)
            let issued: IssuedKey
            do { issued = try keys.createChecked(spec, nowMs: now) } catch { throw CLI.fail(error) }
            if json {
                CLI.print(String(decoding: AdminJSON.key(issued.key, nowMs: now, secret: issued.secret), as: UTF8.self))
                return
            }
            CLI.print("""
                Created key \(issued.key.id) (\(issued.key.name)).
                id:  \(issued.key.id)
                key: \(issued.secret)
                Store the key now: it is shown only this once (the database keeps its hash).
                """)
        }
    }
}
