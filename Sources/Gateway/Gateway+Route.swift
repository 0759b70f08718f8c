import HTTP1
import Loop
import Reliability
import Routing

extension Gateway {
    /// A start-up or reload failure in the configuration's gateway-level parts (stores, routers).
    public struct StartError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Lets the router pick for a request naming a router id: filters, predicted quality,
    /// eligibility, score. Returns the deployments in plan order (best first, then fallbacks)
    /// and the response headers that explain the choice.
    func route(_ router: Router, _ call: InboundCall, _ principal: Principal,
               _ record: inout RequestRecord) throws(GatewayError) -> (deployments: [Deployment], headers: [(String, String)]) {
        var features = (try? FeatureExtractor.extract(body: call.body)) ?? RequestFeatures(
            promptTokens: TokenEstimate.tokens(bytes: call.body.count))
        if features.maxOutputTokens == nil { features.maxOutputTokens = call.fields.maxTokens ?? call.fields.maxCompletionTokens }
        var allowed: DeploymentSet?
        if let key = principal.key, !key.allowedModels.isEmpty, !key.allows(model: router.id) {
            allowed = DeploymentSet(routing.names.indices.filter { key.allows(model: routing.names[$0]) })
        }
        let now = EventLoop.shared.now
        let names = routing.names
        let plan = router.decide(features, stats: routing.stats, now: Double(now) / 1000, allowed: allowed) { [models, health] index in
            guard let deployment = models.deployment(for: names[index]) else { return false }
            return health.allows(.deployment(deployment.id), now: now)
        }
        record.router = router.id
        record.routerPlan = plan.summary()
        var deployments: [Deployment] = []
        let timeouts = routing.timeoutsByRouter.isEmpty ? nil : routing.timeoutsByRouter[router.id]
        for index in plan.order {
            let outcome = plan.candidates[index]
            if let deployment = models.deployment(for: outcome.model), !deployments.contains(where: { $0.id == deployment.id }) {
                deployments.append(timeouts.map { deployment.with(timeouts: $0) } ?? deployment)
            }
        }
        guard let chosen = plan.chosen, !deployments.isEmpty else {
            throw GatewayError(.upstreamUnavailable, status: .serviceUnavailable,
                               "Router '\(router.id)' has no model that can serve this request (\(plan.summary())).")
        }
        var headers: [(String, String)] = [("x-switchyard-router", router.id)]
        headers.append(("x-switchyard-predicted-cost", String(format: "%.6f", chosen.costUSD)))
        if let score = chosen.score { headers.append(("x-switchyard-score", String(format: "%.4f", score))) }
        headers.append(("x-switchyard-predicted-quality", String(format: "%.4f", chosen.quality)))
        return (deployments, headers)
    }

    /// Feeds a finished call's time to first byte and throughput into the router's statistics.
    func learnLatency(_ record: RequestRecord) {
        guard let deployment = record.deployment, let index = routing.indexByName[deployment.model],
              let sent = record.upstreamSentAt, let first = record.firstByteAt, first >= sent else { return }
        let ttftMs = Double(first - sent) / 1e6
        let totalMs = Double(RequestRecord.span(sent, EventLoop.hrtime())) / 1e6
        let tokens = Double(record.usage?.completionTokens ?? 0)
        let tps = record.stream && tokens > 0 && totalMs > ttftMs ? tokens / ((totalMs - ttftMs) / 1000) : nil
        routing.stats.record(deployment: index, ttftMs: ttftMs, tokensPerSecond: tps, now: Double(EventLoop.shared.now) / 1000)
    }
}
