import Limits
import Routing
import Wire

/// Prices calls from the catalog: estimates at admission, actual cost at settlement.
///
/// Cached-input and cache-write tokens are subsets of the prompt tokens (see `Usage`), so each
/// is priced once at its own rate and the remainder at the input rate: nothing is counted twice.
/// Reasoning tokens are part of the completion tokens and priced as output.
struct CostModel: Sendable {
    let catalog: Catalog

    init(catalog: Catalog = .builtIn) { self.catalog = catalog }

    /// The catalog entry for a deployment: by its upstream model id, then by the client-facing name.
    func pricing(for deployment: Deployment) -> Pricing? {
        (catalog.model(named: deployment.upstreamModel) ?? catalog.model(named: deployment.model))?.pricing
    }

    /// USD per 1M tokens × tokens = micro-dollars.
    func cost(_ usage: Usage, pricing: Pricing?) -> MicroDollars {
        guard let pricing else { return .zero }
        let cached = max(0, usage.cachedTokens)
        let written = max(0, usage.cacheCreationTokens)
        let plain = max(0, usage.promptTokens - cached - written)
        let micros = Double(plain) * pricing.inputPerMTok
            + Double(cached) * (pricing.cachedInputPerMTok ?? pricing.inputPerMTok)
            + Double(written) * (pricing.cacheWritePerMTok ?? pricing.inputPerMTok)
            + Double(max(0, usage.completionTokens)) * pricing.outputPerMTok
        return MicroDollars(micros: Int64(micros.rounded()))
    }

    /// The reservation for a request not yet answered: its prompt estimate and its output cap.
    func estimate(promptTokens: Int, maxOutputTokens: Int, pricing: Pricing?) -> MicroDollars {
        cost(Usage(promptTokens: promptTokens, completionTokens: maxOutputTokens), pricing: pricing)
    }
}

/// Rough token counts for text the provider did not count for us (about four bytes per token,
/// plus a few per message), used for reservations and marked "estimated" when settled on.
enum TokenEstimate {
    static func tokens(bytes: Int) -> Int { (bytes + 3) / 4 }

    /// The output cap the reservation assumes when the request names none.
    static let defaultMaxOutput = 1_024
}
