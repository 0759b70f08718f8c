/// Deterministic train/test splits: by a fixed hash of the prompt text, or holding out one group.
///
/// The hash is 64-bit FNV-1a of the prompt's UTF-8 bytes; a record is in test when
/// `hash % 100 < testPercent`. The same prompt always lands on the same side, whatever the file
/// order, so duplicated prompts cannot leak across the split.
public struct HashSplit: Sendable, Equatable {
    /// Percent of records in the test part (the RouteLLM evals use 20).
    public var testPercent: Int

    public init(testPercent: Int = 20) {
        precondition((0 ... 100).contains(testPercent))
        self.testPercent = testPercent
    }

    public static func hash(_ text: String) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return h
    }

    public func isTest(_ record: OutcomeRecord) -> Bool {
        Int(Self.hash(record.splitText) % 100) < testPercent
    }

    /// (train, test), each in input order.
    public func split(_ records: [OutcomeRecord]) -> (train: [OutcomeRecord], test: [OutcomeRecord]) {
        var train: [OutcomeRecord] = [], test: [OutcomeRecord] = []
        for record in records {
            if isTest(record) { test.append(record) } else { train.append(record) }
        }
        return (train, test)
    }

    /// Leave-one-domain-out: test is every record whose group is `group` (or starts with
    /// `group/`), train is the rest.
    public static func holdOut(group: String, from records: [OutcomeRecord]) -> (train: [OutcomeRecord], test: [OutcomeRecord]) {
        var train: [OutcomeRecord] = [], test: [OutcomeRecord] = []
        for record in records {
            if record.group == group || record.group.hasPrefix(group + "/") { test.append(record) } else { train.append(record) }
        }
        return (train, test)
    }
}
