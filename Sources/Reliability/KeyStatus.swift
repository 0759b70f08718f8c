/// One key's standing in its pool, for `GET /admin/health` (by id; never the key).
public struct KeyStatus: Sendable, Hashable {
    /// Whether the key is in rotation and, if not, why.
    public enum State: String, Sendable, Hashable {
        case active
        /// Resting after a 429.
        case coolingDown = "cooling_down"
        /// Its circuit breaker is open.
        case circuitOpen = "circuit_open"
        /// Rejected with 401/403; out until the configuration is reloaded.
        case revoked
    }

    public var id: String
    public var weight: Int
    public var state: State
    public var coolingForMs: UInt64
    public var inFlight: Int
    /// Times picked since the pool was built.
    public var picks: Int
}
