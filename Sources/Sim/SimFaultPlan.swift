import HTTP1

/// The faults one request gets: its model's `SimFaults` drawn with the seeded injector, then
/// overridden by `x-sim-*` headers. Pieces are counted in streamed content pieces.
struct SimFaultPlan: Sendable, Equatable {
    /// Fail with this status instead of answering.
    var failStatus: Int?
    var retryAfter: Int?
    /// Drop the connection after this many pieces (0: before the response head).
    var resetAt: Int?
    var stallMs: UInt64 = 0
    /// Pieces from this one on are late by `stallMs` (0: the first byte is late).
    var stallAt = 0
    var dripMs: UInt64 = 0
    /// A malformed chunk goes out before this piece (after this many pieces).
    var malformedAt: Int?

    init(failStatus: Int? = nil, retryAfter: Int? = nil, resetAt: Int? = nil, stallMs: UInt64 = 0, stallAt: Int = 0,
         dripMs: UInt64 = 0, malformedAt: Int? = nil) {
        self.failStatus = failStatus
        self.retryAfter = retryAfter
        self.resetAt = resetAt
        self.stallMs = stallMs
        self.stallAt = stallAt
        self.dripMs = dripMs
        self.malformedAt = malformedAt
    }

    /// Draws the model's faults and applies the headers. A header that forces a fault skips
    /// that fault's draw, so headers do not shift the seeded sequence; an unusable value is a
    /// 400 naming the header.
    init(faults: SimFaults, timing: SimTiming, headers: Headers, injector: inout FaultInjector) throws(SimError) {
        if let forced = timing.forcedFailure {
            failStatus = forced
        } else if injector.draw(faults.failRate) {
            failStatus = faults.failStatus
        }
        retryAfter = headers["x-sim-retry-after"] != nil ? timing.retryAfter : faults.retryAfter
        if failStatus == 429 && retryAfter == nil { retryAfter = 1 }

        if let text = headers["x-sim-reset"] {
            resetAt = text == "before" ? 0 : try Self.count(text, header: "x-sim-reset")
        } else if injector.draw(faults.resetRate) {
            resetAt = faults.resetAfterChunks
        }

        stallAt = faults.stallAfterChunks
        if let text = headers["x-sim-stall-ms"] {
            stallMs = UInt64(try Self.count(text, header: "x-sim-stall-ms"))
        } else if faults.stallMs > 0 && injector.draw(faults.stallRate) {
            stallMs = faults.stallMs
        }
        if let text = headers["x-sim-stall-after-chunks"] {
            stallAt = try Self.count(text, header: "x-sim-stall-after-chunks")
        }

        dripMs = faults.dripMs
        if let text = headers["x-sim-drip-ms"] { dripMs = UInt64(try Self.count(text, header: "x-sim-drip-ms")) }

        if let text = headers["x-sim-malformed"] {
            malformedAt = try Self.count(text, header: "x-sim-malformed")
        } else if injector.draw(faults.malformedRate) {
            malformedAt = faults.malformedAfterChunks
        }
    }

    /// Milliseconds after the request until piece `index` is due: the timing's schedule, one
    /// drip interval per earlier piece, and the stall for pieces from `stallAt` on.
    func dueMs(piece index: Int, timing: SimTiming) -> UInt64 {
        var due = timing.dueMs(piece: index) + dripMs * UInt64(max(0, index))
        if index >= stallAt { due += stallMs }
        return due
    }

    /// Milliseconds until a whole answer of `pieces` pieces is ready: the drip and the stall
    /// delay it as they would delay its last piece.
    func totalMs(pieces: Int, timing: SimTiming) -> UInt64 {
        timing.totalMs(pieces: pieces) + dripMs * UInt64(max(0, pieces)) + stallMs
    }

    private static func count(_ text: String, header: String) throws(SimError) -> Int {
        guard let value = Int(text), value >= 0 else {
            throw SimError(.invalidHeader, message: "Invalid value for header '\(header)': '\(text)'.", param: header)
        }
        return value
    }
}
