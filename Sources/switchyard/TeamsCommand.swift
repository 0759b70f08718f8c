import ArgumentParser
import Gateway
import Ledger

/// `switchyard teams`: named holders of request, token and spend limits that keys belong to.
struct TeamsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "teams",
        abstract: "Create or change, list and remove teams.",
        subcommands: [SetTeam.self, List.self, Remove.self])

    /// `teams set NAME`: creates the team or changes only the limits given.
    struct SetTeam: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Create a team or change its limits (limits not given stay as they are).")

        @Argument(help: "The team's name.")
        var name: String
        @Option(help: "Requests per minute over all its keys; 0 removes the limit.")
        var rpm: Int?
        @Option(help: "Tokens per minute over all its keys; 0 removes the limit.")
        var tpm: Int?
        @Option(help: "Spend limit in US dollars per budget period.")
        var budget: String?
        @Option(name: .customLong("budget-period"), help: "day, week or month (UTC calendar) or rolling:<hours>h.")
        var budgetPeriod: String?
        @Flag(name: .customLong("no-budget"), help: "Remove the team's budget.")
        var noBudget = false
        @OptionGroup var store: StoreOptions

        func run() throws {
            var update = TeamUpdate(name: name)
            do throws(KeyArguments.Invalid) {
                update.rpm = try Self.change(rpm, name: "rpm")
                update.tpm = try Self.change(tpm, name: "tpm")
                if let budget = try KeyArguments.budget(usd: budget, period: budgetPeriod) {
                    guard !noBudget else { throw KeyArguments.Invalid("--budget and --no-budget contradict each other") }
                    update.budget = .set(budget)
                } else if noBudget {
                    update.budget = .clear
                }
            } catch {
                throw CLI.fail(error)
            }
            let saved: (team: Team, created: Bool)
            do { saved = try store.keyStore(create: true).apply(update, nowMs: WallClock.milliseconds()) } catch let error as LedgerError {
                throw CLI.fail(error)
            }
            CLI.print("\(saved.created ? "Created" : "Updated") team \(saved.team.name): \(Self.limits(saved.team)).")
        }

        /// `0` removes a limit, a positive number sets it, no flag keeps it.
        static func change(_ value: Int?, name: String) throws(KeyArguments.Invalid) -> TeamUpdate.Change<Int> {
            guard let value else { return .keep }
            if value == 0 { return .clear }
            return .set(try KeyArguments.limit(value, name: name)!)
        }

        static func limits(_ team: Team) -> String {
            "rpm \(team.rpm.map(String.init) ?? "-"), tpm \(team.tpm.map(String.init) ?? "-"), budget \(KeysCommand.List.budget(team.budget))"
        }
    }

    /// `teams list`.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List teams with their limits and active keys.")

        @Flag(help: "Print JSON instead of a table.")
        var json = false
        @OptionGroup var store: StoreOptions

        func run() throws {
            let teams: [Team], keys: [VirtualKey]
            do {
                let store = try store.keyStore(create: false)
                (teams, keys) = (try store.teams(), try store.list())
            } catch let error as LedgerError { throw CLI.fail(error) }
            if json {
                CLI.print(String(decoding: AdminJSON.teams(teams), as: UTF8.self))
                return
            }
            var table = TextTable(["NAME", "RPM", "TPM", "BUDGET", "ACTIVE KEYS", "CREATED"], numeric: [1, 2, 4])
            for team in teams {
                let active = keys.filter { $0.team == team.name && !$0.isRevoked }.count
                table.add([team.name, team.rpm.map(String.init) ?? "-", team.tpm.map(String.init) ?? "-",
                           KeysCommand.List.budget(team.budget), String(active), TimeArgument.format(team.createdAtMs)])
            }
            CLI.print(teams.isEmpty ? "No teams. Create one with `switchyard teams set NAME`." : table.render())
        }
    }

    /// `teams remove NAME`.
    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a team that no active key belongs to.")

        @Argument(help: "The team's name.")
        var name: String
        @OptionGroup var store: StoreOptions

        func run() throws {
            do { try store.keyStore(create: false).removeTeam(named: name) } catch let error as LedgerError { throw CLI.fail(error) }
            CLI.print("Removed team \(name).")
        }
    }
}
