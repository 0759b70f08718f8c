import HTTP
import HTTP1

extension Gateway {
    /// What a browser may read of an answer beyond the CORS-safelisted headers: the gateway's
    /// own, the limits, and the provider's request id.
    static let corsExposedHeaders = [
        "x-switchyard-request-id", "x-switchyard-model", "x-switchyard-router", "x-switchyard-predicted-cost",
        "x-switchyard-predicted-quality", "x-switchyard-score", "x-switchyard-overhead-ms", "x-switchyard-estimated",
        "x-ratelimit-limit-requests", "x-ratelimit-limit-tokens", "x-ratelimit-remaining-requests",
        "x-ratelimit-remaining-tokens", "x-ratelimit-reset-requests", "x-ratelimit-reset-tokens",
        "x-ratelimit-scope", "x-ratelimit-limit-kind", "retry-after", "request-id", "x-request-id",
    ].joined(separator: ", ")

    /// The `Access-Control-Allow-Origin` value for a request from `origin`, or nil when the
    /// configuration allows no such origin (and no CORS header is sent).
    func corsAllowedOrigin(_ origin: String) -> String? {
        let allowed = config.server.corsAllowOrigins
        if allowed.contains(origin) { return origin }
        return allowed.contains("*") ? "*" : nil
    }

    /// Adds the CORS headers every answer to an allowed origin carries; returns whether the
    /// origin is allowed (nil without an `Origin` header).
    func addCORSHeaders(_ request: ServerRequest, to headers: inout Headers) -> Bool? {
        guard !config.server.corsAllowOrigins.isEmpty, let origin = request.header("origin") else { return nil }
        guard let allowed = corsAllowedOrigin(origin) else { return false }
        headers.append(name: "Access-Control-Allow-Origin", value: allowed)
        if allowed != "*" { headers.append(name: "Vary", value: "Origin") }
        headers.append(name: "Access-Control-Expose-Headers", value: Self.corsExposedHeaders)
        return true
    }

    /// An `OPTIONS` preflight from an allowed origin: 204 with the methods and the headers it
    /// asked for (SDKs send their own: `anthropic-version`, `x-stainless-*`, …); from an origin
    /// the configuration does not allow, 403.
    func answerPreflight(_ request: ServerRequest, _ writer: ResponseWriter, _ record: inout RequestRecord,
                         _ headers: Headers, allowed: Bool) {
        guard allowed else {
            record.errorCode = GatewayError.Code.originNotAllowed.rawValue
            writer.respond(GatewayError(.originNotAllowed, status: .forbidden,
                                        "The origin \(request.header("origin") ?? "") may not call this gateway from a browser."),
                           dialect: Self.dialect(ofPath: request.path), headers: headers)
            return
        }
        var headers = headers
        headers.append(name: "Access-Control-Allow-Methods", value: "GET, POST, DELETE, OPTIONS")
        if let asked = request.header("access-control-request-headers") {
            headers.append(name: "Access-Control-Allow-Headers", value: asked)
        }
        headers.append(name: "Access-Control-Max-Age", value: "600")
        writer.respond(status: HTTPStatus(204), headers: headers, body: [])
    }
}
