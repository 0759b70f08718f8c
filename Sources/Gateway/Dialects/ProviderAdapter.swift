import Config
import HTTP
import Wire

/// Builds the upstream HTTP request for a chat call to one deployment: URL, auth headers and
/// body, splicing when the dialects match and translating through the canonical form otherwise.
enum ProviderAdapter {
    /// The `anthropic-version` the gateway speaks upstream.
    static let anthropicVersion = "2023-06-01"

    /// - Parameter key: the provider key to use (from the key pool); the first configured key when nil.
    @inline(never)  // keeps its temporaries out of the caller's async frame (see Gateway.chat)
    static func chatRequest(_ call: InboundCall, to deployment: Deployment, key: String? = nil) throws(GatewayError) -> UpstreamRequest {
        let upstream = deployment.dialect
        let body: [UInt8]
        var path: String
        if upstream == call.dialect {
            body = splice(call, upstreamModel: deployment.upstreamModel)
            path = upstream == .openAI ? "/chat/completions" : "/v1/messages"
        } else {
            var request = try call.canonical()
            guard request.unsupported.isEmpty else {
                throw GatewayError(.unsupported, status: .badRequest,
                                   "This request uses \(request.unsupported.joined(separator: ", ")), which \(deployment.provider) (\(upstream.rawValue)) cannot express.",
                                   param: request.unsupported.first)
            }
            request.model = deployment.upstreamModel
            request.includeUsage = true
            (path, body) = try encode(request, for: upstream, provider: deployment.provider)
        }
        let forwarded = upstream == .anthropic && call.dialect == .anthropic ? call.anthropicHeaders : []
        return UpstreamRequest(url: deployment.url(path: path),
                               headers: headers(for: deployment, streaming: call.stream, key: key, forwarding: forwarded),
                               body: body, timeouts: deployment.timeouts(streaming: call.stream), streaming: call.stream)
    }

    /// Same dialect on both sides: only `model` (and OpenAI's streamed-usage option) changes.
    static func splice(_ call: InboundCall, upstreamModel: String) -> [UInt8] {
        var splice = JSONSplice()
        if upstreamModel != call.model { splice.setModel(upstreamModel, in: call.fields) }
        if call.dialect == .openAI && call.stream && !call.fields.includeUsage { splice.requestUsage(in: call.fields) }
        return splice.isEmpty ? call.body : splice.apply(to: call.body)
    }

    private static func encode(_ request: ChatRequest, for dialect: Dialect,
                               provider: String) throws(GatewayError) -> (String, [UInt8]) {
        switch dialect {
        case .openAI:
            return ("/chat/completions", OpenAIRequestEncoder.encode(request))
        case .anthropic:
            do { return ("/v1/messages", try AnthropicRequestEncoder.encode(request)) } catch {
                throw GatewayError(.unsupported, status: .badRequest, "\(provider) cannot take this request: \(error.message)", param: error.param)
            }
        case .gemini:
            let encoder = GeminiRequestEncoder()
            do { return (encoder.path(for: request), try encoder.encode(request)) } catch {
                throw GatewayError(.unsupported, status: .badRequest, "\(provider) cannot take this request: \(error.message)")
            }
        case .openAIResponses:
            do { return ("/responses", try ResponsesRequestEncoder.encode(request)) } catch {
                throw GatewayError(.unsupported, status: .badRequest, "\(provider) cannot take this request: \(error.message)", param: error.param)
            }
        }
    }

    /// Authentication and content headers in the provider's convention.
    /// - Parameter forwarding: a client's `anthropic-version` (it replaces the gateway's) and
    ///   `anthropic-beta` (joined with one the provider configures), for an Anthropic upstream.
    static func headers(for deployment: Deployment, streaming: Bool, key: String? = nil,
                        forwarding: [(name: String, value: String)] = []) -> [(name: String, value: String)] {
        var headers: [(name: String, value: String)] = [("Content-Type", "application/json")]
        let key = key ?? deployment.apiKeys.first?.secret ?? ""
        switch deployment.providerType.dialect {
        case .openAI, .openAIResponses:
            // Azure OpenAI authenticates with an `api-key` header set in the provider's headers.
            if !key.isEmpty && !deployment.extraHeaders.contains(where: { $0.name.lowercased() == "api-key" }) {
                headers.append(("Authorization", "Bearer \(key)"))
            }
        case .anthropic:
            if !key.isEmpty { headers.append(("x-api-key", key)) }
            headers.append(("anthropic-version", forwarding.first { $0.name == "anthropic-version" }?.value ?? anthropicVersion))
        case .gemini:
            if !key.isEmpty { headers.append(("x-goog-api-key", key)) }
        }
        if streaming { headers.append(("Accept", "text/event-stream")) }
        guard let betas = forwarding.first(where: { $0.name == "anthropic-beta" })?.value else {
            return headers + deployment.extraHeaders
        }
        var configuredBetas: [String] = []
        for header in deployment.extraHeaders {
            if header.name.lowercased() == "anthropic-beta" { configuredBetas.append(header.value) } else { headers.append(header) }
        }
        headers.append(("anthropic-beta", (configuredBetas + [betas]).joined(separator: ",")))
        return headers
    }
}
