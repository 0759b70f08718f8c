import Gateway
import Ledger
import Routing

/// `spend --savings`: routed requests (ledger rows with a router) against what they would have
/// cost on each router's strongest candidate.
///
/// "Strongest candidate" is, for now, the most expensive model among the models the router
/// actually served in the range, priced with the built-in catalog at the router's own token
/// counts; a router that always picked one model therefore saves nothing. Actual cost is the
/// ledger's. Rows are read in time windows so a large ledger is never held in memory at once.
enum SavingsReport {
    static let method = """
        Method: for each router, the rows it routed in the range are priced again at the catalog \
        prices of its strongest candidate, taken as the most expensive model among those it served \
        (at the router's own input, cached-input, cache-write and output token counts). Savings = \
        that baseline - the actual cost in the ledger. Models without a catalog price are listed \
        and not candidates.
        """

    static func compute(_ ledger: SQLiteLedger, since: Int64?, until: Int64?, catalog: Catalog = .builtIn) throws(LedgerError) -> [RouterSavings] {
        var routers: [String: RouterSavings] = [:]
        try LedgerScan.forEach(ledger, since: since, until: until) { row in
            guard let router = row.router else { return }
            var entry = routers[router] ?? RouterSavings(router: router)
            entry.requests += 1
            entry.actualMicros += row.costMicros
            if let model = row.servedModel { entry.served[model, default: TokenTotals()].add(row) }
            routers[router] = entry
        }
        return routers.values.map { price($0, catalog: catalog) }.sorted { ($1.savedMicros, $0.router) < ($0.savedMicros, $1.router) }
    }

    /// Finds the strongest candidate and prices every served model's tokens at its rates.
    static func price(_ entry: RouterSavings, catalog: Catalog) -> RouterSavings {
        var entry = entry
        var all = TokenTotals()
        for totals in entry.served.values {
            all.input += totals.input
            all.output += totals.output
            all.cached += totals.cached
            all.cacheWrite += totals.cacheWrite
        }
        var best: (model: String, cost: Int64)?
        for model in entry.served.keys.sorted() {
            guard let pricing = catalog.model(named: model)?.pricing else {
                entry.unpriced.append(model)
                continue
            }
            let cost = all.cost(at: pricing)
            if cost > best?.cost ?? -1 { best = (model, cost) }
        }
        entry.strongest = best?.model
        entry.baselineMicros = best?.cost ?? entry.actualMicros
        return entry
    }

    static func text(_ report: [RouterSavings]) -> String {
        guard !report.isEmpty else { return "No routed requests (ledger rows with a router) in the range.\n\n" + method }
        var table = TextTable(["ROUTER", "REQUESTS", "STRONGEST CANDIDATE", "ACTUAL USD", "BASELINE USD", "SAVED USD", "SAVED %", "SERVED MODELS"],
                              numeric: [1, 3, 4, 5, 6])
        for entry in report {
            table.add([entry.router, String(entry.requests), entry.strongest ?? "(no priced model)",
                       SpendRendering.usd(entry.actualMicros), SpendRendering.usd(entry.baselineMicros),
                       SpendRendering.usd(entry.savedMicros), percent(entry),
                       entry.served.keys.sorted().map { entry.unpriced.contains($0) ? "\($0) (unpriced)" : $0 }.joined(separator: ",")])
        }
        return table.render() + "\n\n" + method
    }

    static func json(_ report: [RouterSavings]) -> String {
        var out = "["
        for (index, entry) in report.enumerated() {
            if index > 0 { out += "," }
            out += "{\"router\":\(quoted(entry.router)),\"requests\":\(entry.requests)"
            out += ",\"strongest_model\":\(entry.strongest.map(quoted) ?? "null")"
            out += ",\"actual_usd\":\(SpendRendering.usd(entry.actualMicros)),\"baseline_usd\":\(SpendRendering.usd(entry.baselineMicros))"
            out += ",\"saved_usd\":\(SpendRendering.usd(entry.savedMicros)),\"saved_pct\":\(entry.baselineMicros > 0 ? percent(entry) : "null")"
            out += ",\"served_models\":[\(entry.served.keys.sorted().map(quoted).joined(separator: ","))]"
            out += ",\"unpriced_models\":[\(entry.unpriced.map(quoted).joined(separator: ","))]}"
        }
        return out + "]"
    }

    private static func percent(_ entry: RouterSavings) -> String {
        guard entry.baselineMicros > 0 else { return "-" }
        return String((Double(entry.savedMicros) / Double(entry.baselineMicros) * 1000).rounded() / 10)
    }

    private static func quoted(_ text: String) -> String {
        String(decoding: AdminJSON.string(text), as: UTF8.self)
    }
}
