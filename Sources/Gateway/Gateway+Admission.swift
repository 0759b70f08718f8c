import Config
import HTTP
import HTTP1
import Wire

extension Gateway {
    /// The API a call is for. Chat calls may name a router and reserve their `max_tokens` of
    /// output; an embeddings call names a model and has no output tokens.
    enum APICall {
        case chat
        /// OpenAI's Responses API: a chat call in another envelope (`InboundCall.responses`).
        case responses
        case embeddings
    }

    /// An API call that passed authentication, attribution, routing and admission.
    struct AdmittedCall {
        let call: InboundCall
        /// In the order to try them; never empty.
        let deployments: [Deployment]
        /// The caller's headers with the limit and routing headers added.
        let headers: Headers
    }

    /// Authenticates, attributes, routes and admits; answers the client itself and returns nil
    /// when the call is refused. Every API route comes through here, so none skips the keys,
    /// the limits, the budgets or the ledger (`finish` writes a row for every call with a
    /// dialect, refused ones included).
    @inline(never)
    func admit(_ request: ServerRequest, _ writer: ResponseWriter, _ record: inout RequestRecord,
               _ headers: Headers, inbound: Dialect, for api: APICall) async -> AdmittedCall? {
        record.dialect = inbound
        record.responsesAPI = api == .responses
        record.countsOutput = api != .embeddings
        // Here, not for every request: only API calls get a ledger row to store bodies in.
        if config.ledger.storeBodies && config.ledger.enabled {
            record.storedRequestBody = request.body
            writer.bodyCapture = []
            writer.bodyCaptureLimit = LedgerSettings.maxStoredBodyBytes
        }
        let call: InboundCall
        let deployments: [Deployment]
        let reservation: Reservation
        var routeHeaders: [(String, String)] = []
        do throws(GatewayError) {
            let principal = try await accounting.authenticate(request, model: nil)
            record.principal = principal
            var scanned = api == .responses
                ? try scanResponses(request.body, requestedModel: &record.model)
                : try scanChat(request.body, dialect: inbound, requestedModel: &record.model)
            if inbound == .anthropic { scanned.anthropicHeaders = InboundCall.anthropicHeaders(of: request) }
            call = scanned
            record.stream = call.stream
            record.tags = try attribution(principal, request, call)
            if api != .embeddings, let router = routing.router(named: call.model) {
                let routed = try route(router, call, principal, &record)
                deployments = routed.deployments
                routeHeaders = routed.headers
            } else {
                try accounting.checkAllowed(principal, model: call.model)
                deployments = models.candidates(for: call.model)
            }
            guard let primary = deployments.first else { throw Self.unknownModel(call.model) }
            record.deployment = primary
            reservation = try accounting.admit(
                principal, tags: record.tags, deployment: primary, tagLimits: tagLimits,
                promptTokens: TokenEstimate.tokens(bytes: request.body.count),
                maxOutputTokens: api != .embeddings ? call.fields.maxTokens ?? call.fields.maxCompletionTokens : 0)
            record.reservation = reservation
        } catch {
            record.errorCode = error.code.rawValue
            if error.code == .rateLimited || error.code == .budgetExceeded { noteRefusal(error) }
            writer.respond(error, dialect: inbound, headers: headers)
            return nil
        }
        var headers = headers
        for (name, value) in Accounting.limitHeaders(reservation, now: record.wallClockMs) + routeHeaders {
            headers.append(name: name, value: value)
        }
        return AdmittedCall(call: call, deployments: deployments, headers: headers)
    }

    /// The deployment that serves `model` first, or the 404 for an unknown model.
    func resolve(_ model: String) throws(GatewayError) -> Deployment {
        guard let deployment = models.deployment(for: model) else { throw Self.unknownModel(model) }
        return deployment
    }

    static func unknownModel(_ model: String) -> GatewayError {
        GatewayError(.modelNotFound, status: .notFound,
                     "The model '\(model)' does not exist or you do not have access to it.", param: "model")
    }
}
