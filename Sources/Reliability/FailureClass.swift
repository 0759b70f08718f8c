import Wire

/// What to do after a failed attempt, and who is to blame: the verdict every other part of the
/// module acts on.
///
/// `action` is a preference, not an order: the attempt plan still enforces attempt counts,
/// the time budget and health (a `.fallback` with no candidate left retries the same one).
public struct FailureClass: Sendable, Hashable {
    /// The next step the failure calls for.
    public enum Action: String, Sendable, Hashable {
        /// The same deployment may well answer next time (a 5xx, a reset, a rate limit).
        case retrySame = "retry"
        /// Move on to the next candidate: retrying here would cost another full deadline, or
        /// the deployment is not even reachable.
        case fallback
        /// The request is too long for this model: only a candidate with a larger window helps.
        case fallbackLargerContext = "fallback_larger_context"
        /// The request itself is at fault (or the client left): no attempt can fix it.
        case stop
    }

    /// Whose health the failure counts against.
    public enum Blame: String, Sendable, Hashable {
        /// Nobody's: the deployment answered sensibly (a 400 is the request's fault).
        case none
        /// The provider key: another key of the same deployment may work.
        case key
        /// The deployment itself: feeds its circuit breaker.
        case deployment
    }

    /// What happens to the key that was used.
    public enum KeyAction: Sendable, Hashable {
        case keep
        /// Rejected credentials (401/403): out of rotation until the configuration is reloaded.
        case revoke
        /// Rate limited (429): rest for `retryAfterMs`, or the pool's default when nil.
        case coolDown(retryAfterMs: UInt64?)
    }

    public var action: Action
    public var blame: Blame
    public var key: KeyAction
    /// The provider's `retry-after`, in milliseconds, whatever the status.
    public var retryAfterMs: UInt64?

    public init(_ action: Action, blame: Blame, key: KeyAction = .keep, retryAfterMs: UInt64? = nil) {
        self.action = action
        self.blame = blame
        self.key = key
        self.retryAfterMs = retryAfterMs
    }

    /// Whether some later attempt may succeed where this one failed.
    public var isRetryable: Bool { action != .stop }

    /// The verdict on a call that failed below HTTP.
    public static func classify(_ failure: TransportFailure) -> FailureClass {
        switch failure {
        case .reset:
            FailureClass(.retrySame, blame: .deployment)
        case .connect, .connectTimeout, .firstByteTimeout, .idleTimeout, .totalTimeout, .other:
            FailureClass(.fallback, blame: .deployment)
        case .canceled, .invalidRequest:
            FailureClass(.stop, blame: .none)
        }
    }

    /// The verdict on an HTTP answer; nil for a success (below 400). `kind` is the provider's
    /// error as decoded from the body, when there was one; it refines what the status says
    /// (a 400 may be a context-length error, a 503 may say "overloaded").
    public static func classify(status: Int, kind: ProviderError.Kind? = nil,
                                retryAfterSeconds: Int? = nil) -> FailureClass? {
        guard status >= 400 else { return nil }
        let retryAfter = retryAfterSeconds.map { UInt64(max(0, $0)) * 1000 }
        let kind = kind ?? defaultKind(status: status)
        var verdict: FailureClass
        switch kind {
        case .contextLengthExceeded:
            verdict = FailureClass(.fallbackLargerContext, blame: .none)
        case .invalidRequest, .contentPolicy, .notFound:
            verdict = FailureClass(.stop, blame: .none)
        case .authentication, .permission:
            verdict = FailureClass(.retrySame, blame: .key, key: .revoke)
        case .rateLimited:
            verdict = FailureClass(.retrySame, blame: .key, key: .coolDown(retryAfterMs: retryAfter))
        case .overloaded, .server, .timeout:
            verdict = FailureClass(.retrySame, blame: .deployment)
        }
        verdict.retryAfterMs = retryAfter
        return verdict
    }

    /// The kind a bare status implies when the body named none.
    static func defaultKind(status: Int) -> ProviderError.Kind {
        switch status {
        case 401: .authentication
        case 402, 403: .permission
        case 404: .notFound
        case 408: .timeout
        case 413: .invalidRequest
        case 429: .rateLimited
        case 529: .overloaded
        case 500...599: .server
        default: .invalidRequest
        }
    }
}
