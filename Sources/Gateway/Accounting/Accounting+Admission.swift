import Ledger
import Limits
import Loop
import Routing
import Wire

/// What admission reserved for one request, settled when it ends.
struct Reservation: Sendable {
    let ticket: AdmissionTicket?
    let tokens: Int64
    let cost: MicroDollars
    let pricing: Pricing?
}

extension Accounting {
    /// Reserves the request's estimated tokens and cost against every limit and budget that
    /// applies (key, team, tags, the deployment's provider quota), all or nothing.
    func admit(_ principal: Principal, tags: [String: String], deployment: Deployment, tagLimits: [String: (rpm: Int?, tpm: Int?)],
               promptTokens: Int, maxOutputTokens: Int?) throws(GatewayError) -> Reservation {
        let pricing = costs.pricing(for: deployment)
        var (limits, budgets) = principal.scopes()
        for (name, value) in tagLimits.isEmpty ? [] : tags.sorted(by: { $0.key < $1.key }) {
            if let limit = tagLimits["\(name)=\(value)"] {
                limits.append(ScopeLimits(.tag(name, value), rpm: limit.rpm.map(Int64.init), tpm: limit.tpm.map(Int64.init)))
            }
        }
        if deployment.rpm > 0 || deployment.tpm > 0 {
            limits.append(ScopeLimits(.deployment(deployment.provider), rpm: deployment.rpm > 0 ? Int64(deployment.rpm) : nil,
                                      tpm: deployment.tpm > 0 ? Int64(deployment.tpm) : nil))
        }
        let output = maxOutputTokens ?? TokenEstimate.defaultMaxOutput
        var tokens = Int64(promptTokens + output)
        // A reservation larger than a token bucket could never pass; cap it at the smallest
        // TPM in play and settle to the actual count afterwards.
        if let smallest = limits.compactMap({ $0.tokens?.perMinute }).min() { tokens = min(tokens, smallest) }
        let cost = costs.estimate(promptTokens: promptTokens, maxOutputTokens: output, pricing: pricing)
        guard !limits.isEmpty || !budgets.isEmpty else {
            return Reservation(ticket: nil, tokens: tokens, cost: cost, pricing: pricing)
        }
        let now = WallClock.milliseconds()
        switch counters.admitNow(Admission(limits: limits, budgets: budgets, tokens: tokens, cost: cost), now: now) {
        case .admitted(let ticket):
            return Reservation(ticket: ticket, tokens: tokens, cost: cost, pricing: pricing)
        case .denied(let denial):
            throw Self.refusal(denial, now: now)
        }
    }

    /// Settles a reservation to what the call actually used.
    func settle(_ reservation: Reservation, tokens: Int, cost: MicroDollars) {
        guard let ticket = reservation.ticket else { return }
        counters.settle(ticket, Settlement(tokens: Int64(tokens), cost: cost), now: WallClock.milliseconds())
    }

    /// A 429 saying which limit refused, when it resets and when to retry.
    static func refusal(_ denial: Denial, now: Int64) -> GatewayError {
        let resetSeconds = max(0, (denial.resetAt - now + 999) / 1000)
        var error: GatewayError
        switch denial.code {
        case .budgetExceeded:
            error = GatewayError(.budgetExceeded, status: .tooManyRequests,
                                 "The \(denial.scope.kind.label) budget of \(MicroDollars(micros: denial.limit)) is spent; it resets in \(resetSeconds) s.")
        default:
            let unit = denial.kind == .requests ? "requests" : "tokens"
            error = GatewayError(.rateLimited, status: .tooManyRequests,
                                 "Rate limit reached for \(denial.scope): \(denial.limit) \(unit) per minute. Retry after \(denial.retryAfterSeconds ?? resetSeconds) s.")
        }
        error.retryAfter = Int(denial.retryAfterSeconds ?? resetSeconds)
        error.headers = [
            "x-ratelimit-scope": denial.scope.description,
            "x-ratelimit-limit-kind": denial.kind.rawValue,
            "x-ratelimit-limit-\(denial.kind.rawValue)": String(denial.limit),
            "x-ratelimit-remaining-\(denial.kind.rawValue)": String(max(0, denial.remaining)),
            "x-ratelimit-reset-\(denial.kind.rawValue)": "\(resetSeconds)s",
        ]
        // The official SDKs retry a 429 twice on their own, honouring `retry-after` only up to
        // 60 s; a spent budget, a request larger than its limit or a retry due later would only
        // be refused again (a ledger row each). They read `x-should-retry` before the status.
        if denial.code != .rateLimited || (error.retryAfter ?? 0) > 60 {
            error.headers["x-should-retry"] = "false"
        }
        return error
    }

    /// `x-ratelimit-*` for an admitted request: the tightest request and token limits.
    static func limitHeaders(_ reservation: Reservation, now: Int64) -> [(String, String)] {
        guard let ticket = reservation.ticket else { return [] }
        var headers: [(String, String)] = []
        if let requests = ticket.requests {
            headers += [("x-ratelimit-limit-requests", String(requests.limit)),
                        ("x-ratelimit-remaining-requests", String(max(0, requests.remaining))),
                        ("x-ratelimit-reset-requests", "\(max(0, (requests.resetAt - now + 999) / 1000))s")]
        }
        if let tokens = ticket.tokens {
            headers += [("x-ratelimit-limit-tokens", String(tokens.limit)),
                        ("x-ratelimit-remaining-tokens", String(max(0, tokens.remaining))),
                        ("x-ratelimit-reset-tokens", "\(max(0, (tokens.resetAt - now + 999) / 1000))s")]
        }
        return headers
    }
}
