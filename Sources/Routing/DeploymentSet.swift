/// A set of gateway deployment indices as a bitset: membership tests on the request path cost one load.
///
/// Build one per API key (its allowlist) or per health state when the configuration loads or changes.
public struct DeploymentSet: Sendable, Equatable {
    private var words: [UInt64]

    public init() { words = [] }

    public init(_ deployments: some Sequence<Int>) {
        words = []
        for deployment in deployments { insert(deployment) }
    }

    public mutating func insert(_ deployment: Int) {
        precondition(deployment >= 0, "deployment indices are non-negative")
        let word = deployment >> 6
        if word >= words.count { words.append(contentsOf: repeatElement(0, count: word - words.count + 1)) }
        words[word] |= 1 << UInt64(deployment & 63)
    }

    public mutating func remove(_ deployment: Int) {
        let word = deployment >> 6
        guard deployment >= 0, word < words.count else { return }
        words[word] &= ~(1 << UInt64(deployment & 63))
    }

    @inlinable
    public func contains(_ deployment: Int) -> Bool {
        let word = deployment >> 6
        guard deployment >= 0, word < wordCount else { return false }
        return wordAt(word) & (1 << UInt64(deployment & 63)) != 0
    }

    @usableFromInline var wordCount: Int { words.count }
    @usableFromInline func wordAt(_ index: Int) -> UInt64 { words[index] }
}
