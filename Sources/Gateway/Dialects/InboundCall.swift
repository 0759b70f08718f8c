import Wire

/// A chat request as it arrived: its dialect, raw bytes and the scanned routing fields.
///
/// The body is decoded into the canonical form only when the upstream speaks another dialect
/// (or, later, when the router needs features): same-dialect calls are spliced, not decoded.
struct InboundCall {
    let dialect: Dialect
    let body: [UInt8]
    let fields: RequestFields
    let model: String
    let stream: Bool
    /// OpenAI clients choose whether a streamed answer ends with a usage chunk; Anthropic's
    /// stream always reports usage.
    let clientWantsUsage: Bool

    /// The request in canonical form, or a 400 in the caller's terms.
    func canonical() throws(GatewayError) -> ChatRequest {
        switch dialect {
        case .openAI:
            do { return try OpenAIRequestDecoder.decode(body) } catch {
                throw GatewayError(.invalidField, status: .badRequest, error.message, param: error.param)
            }
        case .anthropic:
            do { return try AnthropicRequestDecoder.decode(body) } catch {
                throw GatewayError(.invalidField, status: .badRequest, error.message, param: error.param)
            }
        case .gemini:
            throw GatewayError(.notFound, status: .notFound, "The gateway does not accept Gemini-dialect requests.")
        }
    }
}
