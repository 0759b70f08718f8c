import ArgumentParser
import Gateway
import Ledger

/// `switchyard spend`: totals from the ledger grouped by key, team, tag, model, router or
/// provider, as a table, JSON (the same as `GET /admin/spend`) or CSV; `--savings` compares
/// routed requests with their routers' strongest candidates.
struct SpendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spend",
        abstract: "Report requests, tokens, cost, errors and latency from the ledger.",
        discussion: """
            Times for --since and --until: a date (2025-03-01, midnight UTC), an RFC 3339 time \
            (2025-03-01T12:00:00Z) or an age (90s, 30m, 24h, 7d, 2w). The range is since <= t < until, \
            by the time each request arrived. Latency percentiles are over successful requests.
            """)

    @Option(help: "Group by key, team, tag:NAME, model, router or provider (default: key).")
    var by: String?
    @Option(help: "Only requests that arrived at or after this time.")
    var since: String?
    @Option(help: "Only requests that arrived before this time.")
    var until: String?
    @Flag(help: "Print a JSON list (group, requests, input_tokens, output_tokens, cost_usd, errors, p50_ms, p95_ms).")
    var json = false
    @Flag(help: "Print CSV with a header line.")
    var csv = false
    @Flag(help: "Compare routed requests with what each router's strongest candidate would have cost.")
    var savings = false
    @OptionGroup var store: StoreOptions

    func run() throws {
        guard !(json && csv) else { throw CLI.fail("--json and --csv exclude each other") }
        let now = WallClock.milliseconds()
        let range = try timeRange(now: now)
        let grouping: SpendGrouping
        do { grouping = try SpendGrouping(parsing: by ?? (savings ? "router" : "key")) } catch { throw CLI.fail(error) }
        if savings {
            guard grouping == .router else { throw CLI.fail("--savings reports per router: use --by router or leave --by out") }
            guard !csv else { throw CLI.fail("--savings prints a table or --json") }
            let ledger = try store.ledger()
            let report: [RouterSavings]
            do { report = try SavingsReport.compute(ledger, since: range.since, until: range.until) } catch { throw CLI.fail(error) }
            CLI.print(json ? SavingsReport.json(report) : SavingsReport.text(report))
            return
        }
        let rows: [SpendRow]
        do { rows = try store.ledger().spend(SpendQuery(by: grouping, since: range.since, until: range.until)) } catch let error as LedgerError {
            throw CLI.fail(error)
        }
        if json { return CLI.print(SpendRendering.json(rows)) }
        if csv { return CLI.print(SpendRendering.csv(rows)) }
        CLI.print(Self.table(rows, grouping: grouping, since: range.since, until: range.until))
    }

    private func timeRange(now: Int64) throws -> (since: Int64?, until: Int64?) {
        var bounds: [Int64?] = []
        for (flag, text) in [("--since", since), ("--until", until)] {
            guard let text else { bounds.append(nil); continue }
            do { bounds.append(try TimeArgument.instant(text, nowMs: now)) } catch { throw CLI.fail("\(flag): \(error.description)") }
        }
        if let lower = bounds[0], let upper = bounds[1], lower >= upper {
            throw CLI.fail("--since (\(TimeArgument.format(lower))) must be before --until (\(TimeArgument.format(upper)))")
        }
        return (bounds[0], bounds[1])
    }

    /// The aligned table with a title and a total line.
    static func table(_ rows: [SpendRow], grouping: SpendGrouping, since: Int64?, until: Int64?) -> String {
        let range = "\(since.map(TimeArgument.format) ?? "the first request") to \(until.map(TimeArgument.format) ?? "now")"
        var title = "Spend by \(grouping), \(range)"
        guard !rows.isEmpty else { return title + ": no requests." }
        title += ":"
        var table = TextTable(["GROUP", "REQUESTS", "INPUT TOKENS", "OUTPUT TOKENS", "COST USD", "ERRORS", "P50 MS", "P95 MS"],
                              numeric: [1, 2, 3, 4, 5, 6, 7])
        for row in rows {
            table.add([row.group, String(row.requests), String(row.inputTokens), String(row.outputTokens),
                       SpendRendering.usd(row.costMicros), String(row.errors),
                       row.p50Ms.map(Self.milliseconds) ?? "-", row.p95Ms.map(Self.milliseconds) ?? "-"])
        }
        table.add(["TOTAL", String(rows.reduce(0) { $0 + $1.requests }), String(rows.reduce(0) { $0 + $1.inputTokens }),
                   String(rows.reduce(0) { $0 + $1.outputTokens }), SpendRendering.usd(rows.reduce(0) { $0 + $1.costMicros }),
                   String(rows.reduce(0) { $0 + $1.errors }), "", ""])
        return title + "\n" + table.render()
    }

    static func milliseconds(_ value: Double) -> String {
        String((value * 10).rounded() / 10)
    }
}
