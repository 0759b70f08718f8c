import Ledger
import Routing

/// What one router's requests cost, against the same requests on its strongest candidate.
struct RouterSavings: Sendable {
    let router: String
    var requests = 0
    var actualMicros: Int64 = 0
    /// The same rows priced at `strongest`'s catalog prices.
    var baselineMicros: Int64 = 0
    /// The most expensive model (at this router's token mix) among those it served.
    var strongest: String?
    /// Served models with their token totals, and those the catalog has no price for.
    var served: [String: TokenTotals] = [:]
    var unpriced: [String] = []

    var savedMicros: Int64 { baselineMicros - actualMicros }
}

/// Token counts of a set of rows, split the way prices are.
struct TokenTotals: Sendable {
    var input = 0, output = 0, cached = 0, cacheWrite = 0

    mutating func add(_ row: LedgerRow) {
        input += row.inputTokens
        output += row.outputTokens
        cached += row.cachedTokens
        cacheWrite += row.cacheWriteTokens
    }

    /// Micro-dollars at `pricing`, as the gateway prices a call: cached and cache-write tokens
    /// are subsets of the input, each at its own rate; reasoning tokens are output.
    func cost(at pricing: Pricing) -> Int64 {
        let plain = max(0, input - cached - cacheWrite)
        let micros = Double(plain) * pricing.inputPerMTok
            + Double(cached) * (pricing.cachedInputPerMTok ?? pricing.inputPerMTok)
            + Double(cacheWrite) * (pricing.cacheWritePerMTok ?? pricing.inputPerMTok)
            + Double(output) * pricing.outputPerMTok
        return Int64(micros.rounded())
    }
}
