import ArgumentParser
import Gateway
import Ledger

/// `switchyard requests`: recent ledger rows, filtered, newest first; with `--id`, everything
/// the ledger kept of one call (the `x-switchyard-request-id` its response carried). The same
/// filters and JSON as `GET /admin/requests`.
struct RequestsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "requests",
        abstract: "Look up requests in the ledger: one by id, or the latest that match filters.",
        discussion: """
            Times for --since and --until as for `spend` (a date, an RFC 3339 time or an age such \
            as 24h). Without --id the latest \(RequestFilter.defaultLimit) matching requests are listed.
            """)

    @Option(help: "One request: the x-switchyard-request-id of its response.")
    var id: String?
    @Option(help: "Only this virtual key's requests (its id, key_…).")
    var key: String?
    @Option(help: "Only this team's requests.")
    var team: String?
    @Option(help: "Only requests that asked for or were served by this model (or router id).")
    var model: String?
    @Option(help: "Only requests this router routed.")
    var router: String?
    @Option(help: "Only requests with this tag, NAME=VALUE.")
    var tag: String?
    @Flag(help: "Only failed requests (an error, or a status of 400 or more).")
    var errors = false
    @Option(help: "Only requests that arrived at or after this time.")
    var since: String?
    @Option(help: "Only requests that arrived before this time.")
    var until: String?
    @Option(help: "At most this many requests (1 to \(RequestFilter.maxLimit)).")
    var limit: Int?
    @Flag(help: "Print JSON (GET /admin/requests's shape; one object with --id).")
    var json = false
    @OptionGroup var store: StoreOptions

    func run() throws {
        var parameters: [String: String] = [:]
        for (name, value) in [("id", id), ("key", key), ("team", team), ("model", model), ("router", router),
                              ("tag", tag), ("since", since), ("until", until), ("limit", limit.map(String.init))] {
            if let value { parameters[name] = value }
        }
        if errors { parameters["errors"] = "true" }
        let filter: RequestFilter
        do { filter = try RequestFilterArguments.filter(parameters, nowMs: WallClock.milliseconds()) } catch { throw CLI.fail(error) }
        let rows: [LedgerRow]
        do { rows = try store.ledger().requests(filter) } catch let error as LedgerError { throw CLI.fail(error) }
        if id != nil {
            guard let row = rows.first else { throw CLI.fail("no request '\(id!)' in the ledger (retention may have rolled it up)", code: 1) }
            return CLI.print(json ? String(decoding: AdminJSON.request(row), as: UTF8.self) : Self.detail(row))
        }
        if json { return CLI.print(String(decoding: AdminJSON.requests(rows), as: UTF8.self)) }
        guard !rows.isEmpty else { return CLI.print("No matching requests.") }
        var table = TextTable(["TIME", "REQUEST", "KEY", "MODEL", "STATUS", "IN", "OUT", "COST USD", "TTFT MS", "MS"],
                              numeric: [5, 6, 7, 8, 9])
        for row in rows {
            table.add([TimeArgument.format(row.timeMs), row.requestID, row.keyID ?? "-", Self.model(row),
                       row.errorClass.map { "\(row.status) \($0)" } ?? String(row.status), String(row.inputTokens),
                       String(row.outputTokens), SpendRendering.usd(row.costMicros),
                       row.ttftMs.map(SpendCommand.milliseconds) ?? "-", SpendCommand.milliseconds(row.latencyMs)])
        }
        CLI.print(table.render())
    }

    /// `auto → gpt-4o-mini`: what was asked for and, when it differs, what served.
    static func model(_ row: LedgerRow) -> String {
        let asked = row.requestedModel ?? "-"
        guard let served = row.servedModel, served != asked else { return asked }
        return "\(asked) → \(served)"
    }

    /// One line per field, the router's plan and the attempts one per line.
    static func detail(_ row: LedgerRow) -> String {
        var lines: [(String, String)] = [
            ("request", row.requestID), ("time", TimeArgument.format(row.timeMs)), ("dialect", row.dialect),
            ("key", row.keyID ?? "-"), ("team", row.team ?? "-"),
            ("tags", row.tags.keys.sorted().map { "\($0)=\(row.tags[$0]!)" }.joined(separator: " ")),
            ("model", model(row)), ("router", row.router ?? "-"), ("provider", row.provider ?? "-"),
            ("deployment", row.deployment ?? "-"),
            ("status", row.errorClass.map { "\(row.status) (\($0))" } ?? String(row.status)),
            ("tokens", "\(row.inputTokens) in (\(row.cachedTokens) cached, \(row.cacheWriteTokens) cache write), "
                + "\(row.outputTokens) out (\(row.reasoningTokens) reasoning)"),
            ("cost", "$\(SpendRendering.usd(row.costMicros))\(row.costEstimated ? " (estimated: no usage reported)" : "")"),
            ("latency", "\(SpendCommand.milliseconds(row.latencyMs)) ms, first token \(row.ttftMs.map { SpendCommand.milliseconds($0) + " ms" } ?? "-"), "
                + "gateway \(SpendCommand.milliseconds(row.overheadMs)) ms"),
            ("streamed", row.streamed ? "yes" : "no"),
            ("retries", "\(row.retries), fallbacks \(row.fallbacks)"),
        ]
        for (index, attempt) in (row.attempts?.split(separator: ",") ?? []).enumerated() {
            lines.append((index == 0 ? "attempts" : "", String(attempt)))
        }
        if let plan = row.routerPlan { lines.append(("plan", plan)) }
        if row.bodies != nil { lines.append(("bodies", "stored (see --json)")) }
        let width = lines.map(\.0.count).max() ?? 0
        return lines.map { $0.0 + String(repeating: " ", count: width - $0.0.count) + "  " + $0.1 }.joined(separator: "\n")
    }
}
