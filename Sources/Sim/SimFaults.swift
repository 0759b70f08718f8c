/// The faults the simulator injects into chat calls, for every model or for some models only
/// (`SimOptions.modelFaults`). Each fault with a rate is drawn per request from the seeded
/// generator; `x-sim-*` headers force them per request.
public struct SimFaults: Sendable, Equatable {
    /// Fraction of requests (0...1) answered with `failStatus` instead of a completion.
    public var failRate: Double
    /// The status of injected failures (429, 500, 503, 529, …).
    public var failStatus: Int
    /// `retry-after` seconds on injected failures; 429s send 1 when this is nil.
    public var retryAfter: Int?
    /// Fraction of requests whose connection is dropped without finishing the response.
    public var resetRate: Double
    /// Where a reset happens: 0 before the response head (the client gets nothing), N after N
    /// streamed pieces. A whole (non-streamed) answer is always reset before its head.
    public var resetAfterChunks: Int
    /// Fraction of requests that stall (1 by default, so setting `stallMs` stalls every one).
    public var stallRate: Double
    /// How long a stall lasts, in milliseconds; 0 disables stalls.
    public var stallMs: UInt64
    /// Where a stall happens: 0 before the first byte (a first-byte timeout sees it), N after
    /// N streamed pieces (an idle timeout sees it).
    public var stallAfterChunks: Int
    /// Slow drip: every streamed piece goes out alone, this many milliseconds after the last.
    public var dripMs: UInt64
    /// Fraction of requests with one malformed chunk (a `data:` line of broken JSON); a whole
    /// answer is cut in half instead.
    public var malformedRate: Double
    /// The malformed chunk goes out after this many pieces.
    public var malformedAfterChunks: Int

    public init(failRate: Double = 0, failStatus: Int = 500, retryAfter: Int? = nil,
                resetRate: Double = 0, resetAfterChunks: Int = 0,
                stallRate: Double = 1, stallMs: UInt64 = 0, stallAfterChunks: Int = 0,
                dripMs: UInt64 = 0, malformedRate: Double = 0, malformedAfterChunks: Int = 1) {
        self.failRate = Self.clamped(failRate)
        self.failStatus = failStatus
        self.retryAfter = retryAfter
        self.resetRate = Self.clamped(resetRate)
        self.resetAfterChunks = max(0, resetAfterChunks)
        self.stallRate = Self.clamped(stallRate)
        self.stallMs = stallMs
        self.stallAfterChunks = max(0, stallAfterChunks)
        self.dripMs = dripMs
        self.malformedRate = Self.clamped(malformedRate)
        self.malformedAfterChunks = max(0, malformedAfterChunks)
    }

    /// No fault at all.
    public static let none = SimFaults()

    /// A rate in 0...1; anything else (NaN included) becomes the nearest sensible value.
    static func clamped(_ rate: Double) -> Double {
        rate.isFinite ? min(1, max(0, rate)) : 0
    }
}
