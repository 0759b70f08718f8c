import Config
import HTTP

/// Where a client-facing model name is served: provider, endpoint, key and upstream name.
public struct Deployment: Sendable {
    public let model: String
    public let provider: String
    public let providerType: ProviderType
    /// What the upstream is called in: the provider's dialect, or the Responses API for a model
    /// configured with `api: responses` (authentication stays the provider type's).
    public let dialect: Dialect
    public let baseURL: String
    public let upstreamModel: String
    let apiKeys: [APIKey]
    let extraHeaders: [(name: String, value: String)]
    /// `?a=b&c=d` for providers that need fixed query parameters (Azure's `api-version`), or "".
    let query: String
    /// The configured deadlines (a router's when it sets them, else the model's, else the
    /// provider's); a call takes `timeouts(streaming:)`.
    public internal(set) var configuredTimeouts: Config.UpstreamTimeouts
    /// The provider account's quota (0: none), enforced as the deployment's limiter scope.
    let rpm: Int
    let tpm: Int

    /// Stable id for health, limits and the ledger: `provider/upstream-model` (kept, not
    /// recomputed: several lookups per request use it).
    public let id: String
    /// The catalog's context window for the upstream model, when known (for context-length fallbacks).
    let contextWindow: Int?

    init(model: ModelConfig, provider: ProviderConfig, upstreamModel: String? = nil, contextWindow: Int? = nil) {
        self.model = model.name
        self.provider = provider.name
        self.providerType = provider.type
        self.dialect = model.api == .responses ? .openAIResponses : provider.type.dialect
        self.baseURL = provider.baseURL
        self.upstreamModel = upstreamModel ?? model.upstreamModel
        self.id = ModelConfig.deploymentID(provider: provider.name, upstreamModel: self.upstreamModel)
        self.contextWindow = contextWindow
        self.apiKeys = provider.apiKeys
        self.extraHeaders = provider.headers.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        self.query = provider.query.isEmpty ? ""
            : "?" + provider.query.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.percentEncoded($0.value))" }.joined(separator: "&")
        self.rpm = provider.rpm
        self.tpm = provider.tpm
        self.configuredTimeouts = model.timeouts ?? provider.timeouts
    }

    /// This deployment as a router that sets `timeouts:` sends to it.
    func with(timeouts: Config.UpstreamTimeouts) -> Deployment {
        var copy = self
        copy.configuredTimeouts = timeouts
        return copy
    }

    /// The deadlines of one call: a whole answer's first byte is its last, so it gets its own
    /// (`Config.UpstreamTimeouts.firstByteMs(streaming:)`).
    public func timeouts(streaming: Bool) -> HTTP.UpstreamTimeouts {
        let t = configuredTimeouts
        return HTTP.UpstreamTimeouts(
            connectMs: UInt64(t.connectMs), firstByteMs: UInt64(t.firstByteMs(streaming: streaming)),
            idleMs: UInt64(t.idleMs), totalMs: UInt64(t.totalMs))
    }

    /// The full upstream URL for `path` (which may carry its own query, as Gemini's `?alt=sse`).
    func url(path: String) -> String {
        guard !query.isEmpty else { return baseURL + path }
        return baseURL + path + (path.contains("?") ? "&" + query.dropFirst() : query)
    }

    static func percentEncoded(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }
}

