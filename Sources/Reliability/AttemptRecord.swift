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

    /// `label:outcome`, and `@key-id` when the attempt used a provider key: the unit of the
    /// attempts summary (`d1:429@openai#3f9a2c1d`), so the ledger shows which key served or failed.
    public var summary: String { Self.summary(of: [self]) }

    /// The attempts of a request, comma-separated, as the ledger keeps them; written into one
    /// string (this runs for every request).
    public static func summary(of records: [AttemptRecord]) -> String {
        var text = ""
        text.reserveCapacity(records.count * 48)
        for record in records {
            if !text.isEmpty { text += "," }
            text += record.label
            text += ":"
            text += record.outcome
            if let keyID = record.keyID {
                text += "@"
                text += keyID
            }
        }
        return text
    }
}
