import HTTP
import Reliability

extension TransportFailure {
    /// The attempt-plan view of an upstream client failure (the raw values mirror each other).
    init(_ error: UpstreamError) {
        self = TransportFailure(rawValue: error.kind.rawValue) ?? .other
    }
}
