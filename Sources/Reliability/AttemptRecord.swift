/// What one attempt did, for the ledger row: where it went, with which key id (never the key),
/// how it ended and how long it took.
public struct AttemptRecord: Sendable, Hashable {
    public var candidate: Int
    public var deployment: String
    public var label: String
    public var keyID: String?
    /// `200`, `429`, `reset`, `first_byte_timeout`, …
    public var outcome: String
    public var status: Int?
    /// The verdict; nil for a success.
    public var action: FailureClass.Action?
    /// From sending to the outcome.
    public var latencyMs: UInt64
    /// The wait before sending.
    public var delayMs: UInt64
    public var forced: Bool

    /// `label:outcome`, the unit of the attempts summary (`d1:429`).
    public var summary: String { "\(label):\(outcome)" }
}
