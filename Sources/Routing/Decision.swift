#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The per-request decision: hard filters, predicted quality, eligibility, score (weighted or utility), order.
extension Router {
    /// Decides for one request, overwriting `plan` (its storage is reused: no allocation once warm).
    ///
    /// - Parameters:
    ///   - stats: live latency statistics indexed by deployment; deployments it lacks use the catalog seed.
    ///   - now: seconds on the same clock `stats` was recorded with.
    ///   - allowed: the API key's allowlist; nil allows every deployment.
    ///   - isHealthy: health of a deployment index.
    /// Deterministic: the same inputs and `now` give the same plan.
    public func decide(
        _ features: RequestFeatures,
        stats: LiveStats,
        now: Double,
        allowed: DeploymentSet? = nil,
        isHealthy: (Int) -> Bool = { _ in true },
        into plan: inout Plan
    ) {
        let inputTokens = max(0, features.promptTokens)
        let outputTokens = max(0, min(features.maxOutputTokens ?? Int.max, config.expectedOutputTokens))
        plan.reset(routerID: config.id, inputTokens: inputTokens, outputTokens: outputTokens, capacity: candidates.count)
        let needed = Capabilities(requiredBy: features)
        let input = Double(inputTokens), output = Double(outputTokens)
        let cachedShare = config.cachedInputShare
        var best = -Double.infinity
        var passing = 0
        let assessment = predictor.assessment(of: features)

        for candidate in candidates {
            let filter = hardFilter(candidate, features: features, needed: needed, allowed: allowed, isHealthy: isHealthy)
            let quality = min(1, max(0, predictor.quality(of: candidate.catalogID, abilities: candidate.abilities,
                                                          features: features, assessment: assessment)))
            let generated = output * candidate.reasoningTokenFactor
            let inputPrice = (1 - cachedShare) * candidate.inputPerToken + cachedShare * candidate.cachedInputPerToken
            let estimate = input * inputPrice + generated * candidate.outputPerToken
            let cost = costPredictor?.cost(of: candidate.catalogID, features: features, estimate: estimate) ?? estimate
            let latency = stats.latencyMs(deployment: candidate.deployment, outputTokens: output, now: now)
                ?? candidate.seed.latencyMs(outputTokens: output)
            let carbon = candidate.carbonPerGeneratedToken * (generated + Catalog.inputTokenEnergyShare * input)
            var outcome = CandidateOutcome(
                model: candidate.name, catalogID: candidate.catalogID, deployment: candidate.deployment,
                quality: quality, costUSD: cost, latencyMs: latency, carbonGrams: carbon, score: nil,
                // Placeholder for candidates that pass: the eligibility pass below settles their status.
                status: filter.map(CandidateStatus.filtered) ?? .ineligible(.belowFloor)
            )
            if filter == nil {
                passing += 1
                if quality > best { best = quality }
                outcome.logCost = log(cost + 1e-12)
                outcome.logCarbon = log(carbon + 1e-12)
            }
            plan.candidates.append(outcome)
        }
        guard passing > 0 else { return }

        var eligible = 0
        let floor = config.minQuality, drop = config.maxQualityDrop
        for i in plan.candidates.indices {
            guard case .ineligible = plan.candidates[i].status else { continue }
            let quality = plan.candidates[i].quality
            if quality < floor {
                plan.candidates[i].status = .ineligible(.belowFloor)
            } else if quality < best - drop - 1e-12 {
                plan.candidates[i].status = .ineligible(.beyondMaxDrop)
            } else {
                plan.candidates[i].eligible = true
                eligible += 1
            }
        }

        if eligible > 0 {
            plan.reason = .scored
            for i in plan.candidates.indices where plan.candidates[i].eligible { plan.order.append(i) }
            switch config.rule {
            case .scoring:
                Scorer.score(&plan.candidates, weights: config.weights)
                insertionSort(&plan.order) { Scorer.scoredBefore($0, $1, in: plan.candidates) }
            case .utility(let rule):
                let category = assessment?.category ?? CategoryInference.category(of: features)
                Scorer.score(&plan.candidates, utility: rule, category: category)
                insertionSort(&plan.order) { Scorer.utilityBefore($0, $1, in: plan.candidates) }
            }
        } else {
            plan.reason = .belowFloorFallback
            for i in plan.candidates.indices {
                if case .ineligible = plan.candidates[i].status { plan.order.append(i) }
            }
            insertionSort(&plan.order) { Scorer.strongerBefore($0, $1, in: plan.candidates) }
        }
        for (rank, index) in plan.order.enumerated() {
            plan.candidates[index].status = rank == 0 ? .chosen : .fallback(rank: rank)
        }
    }

    /// Decides into a fresh plan.
    public func decide(
        _ features: RequestFeatures,
        stats: LiveStats,
        now: Double,
        allowed: DeploymentSet? = nil,
        isHealthy: (Int) -> Bool = { _ in true }
    ) -> Plan {
        var plan = Plan()
        decide(features, stats: stats, now: now, allowed: allowed, isHealthy: isHealthy, into: &plan)
        return plan
    }

    @inline(__always)
    private func hardFilter(
        _ c: Candidate, features: RequestFeatures, needed capabilities: Capabilities,
        allowed: DeploymentSet?, isHealthy: (Int) -> Bool
    ) -> FilterReason? {
        if !c.passesRules { return .routerRule }
        let reservedOutput = max(0, features.maxOutputTokens ?? 0)
        let (tokens, overflow) = max(0, features.promptTokens).addingReportingOverflow(reservedOutput)
        if overflow || tokens > c.contextWindow { return .contextWindow }
        if reservedOutput > c.maxOutputTokens { return .maxOutput }
        let missing = capabilities.subtracting(c.capabilities)
        if !missing.isEmpty {
            if missing.contains(.tools) { return .tools }
            if missing.contains(.vision) { return .vision }
            return .jsonSchema
        }
        if let allowed, !allowed.contains(c.deployment) { return .notAllowed }
        if !isHealthy(c.deployment) { return .unhealthy }
        return nil
    }
}

/// Stable in-place insertion sort: n is a router's candidate count (tens), and unlike the standard
/// sort it never allocates scratch space.
@inline(__always)
private func insertionSort(_ items: inout [Int], by before: (Int, Int) -> Bool) {
    guard items.count > 1 else { return }
    for i in 1..<items.count {
        let item = items[i]
        var j = i - 1
        while j >= 0, before(item, items[j]) {
            items[j + 1] = items[j]
            j -= 1
        }
        items[j + 1] = item
    }
}
