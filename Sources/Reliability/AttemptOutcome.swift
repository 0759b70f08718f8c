import Wire

/// How one attempt ended, as the gateway observed it; the plan classifies it.
public enum AttemptOutcome: Sendable, Hashable {
    /// The upstream answered with a status. `kind` is its decoded error for statuses of 400 and
    /// above, when the body carried one.
    case answered(status: Int, kind: ProviderError.Kind? = nil, retryAfterSeconds: Int? = nil)
    /// The call failed below HTTP (before the head, or mid-body).
    case failed(TransportFailure)

    /// The verdict, or nil for a success.
    public var failureClass: FailureClass? {
        switch self {
        case .answered(let status, let kind, let retryAfter):
            FailureClass.classify(status: status, kind: kind, retryAfterSeconds: retryAfter)
        case .failed(let failure):
            FailureClass.classify(failure)
        }
    }

    /// The status, or the transport failure's code: `429`, `reset`, `first_byte_timeout`.
    public var code: String {
        switch self {
        case .answered(let status, _, _): String(status)
        case .failed(let failure): failure.code
        }
    }

    /// The HTTP status, when there was one.
    public var status: Int? {
        if case .answered(let status, _, _) = self { return status }
        return nil
    }
}
