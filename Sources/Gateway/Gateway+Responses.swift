import Wire

/// OpenAI's Responses API (`POST /v1/responses`) as an envelope over chat completions.
///
/// A Responses request is decoded once into the canonical form and written as the chat
/// completions body it means; from there it is an OpenAI call like any other: routed on that
/// body's features, spliced to OpenAI-dialect upstreams, translated to Anthropic and Gemini ones,
/// limited, budgeted and recorded. Only the answer differs: it is always translated back into a
/// Responses object or event stream (`StreamRelay`, `WholeRelay`). Nothing is stored, so the
/// stateful parts of the API (`previous_response_id`, `GET /v1/responses/{id}`) are refused.
extension Gateway {
    /// Validates and decodes a Responses body; the returned call carries its chat translation
    /// as `body` and the decoded request as `responses`.
    func scanResponses(_ body: [UInt8], requestedModel: inout String?) throws(GatewayError) -> InboundCall {
        let decoded: ChatRequest
        do { decoded = try ResponsesRequestDecoder.decode(body) } catch {
            switch error.code {
            case .malformedJSON:
                throw GatewayError(.malformedJSON, status: .badRequest, "The request body is not valid JSON (\(error.message)).")
            case .missingField:
                throw GatewayError(.missingField, status: .badRequest, error.message, param: error.param)
            case .invalidType, .invalidValue:
                throw GatewayError(.invalidField, status: .badRequest, error.message, param: error.param)
            }
        }
        requestedModel = decoded.model
        var call = try scanChat(OpenAIRequestEncoder.encode(decoded), dialect: .openAI, requestedModel: &requestedModel)
        call.responses = decoded
        return call
    }
}
