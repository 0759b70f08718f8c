/// Public benchmark results of one model, in percent (Arena as an Elo rating); nil when not published.
///
/// `ModelAbilities(benchmarks:)` turns them into per-category quality; the catalog's `_about` documents
/// the mapping and where the numbers come from.
public struct Benchmarks: Sendable, Equatable {
    public var mmluPro: Double?
    public var gpqaDiamond: Double?
    public var humanEval: Double?
    /// MATH / MATH-500 accuracy.
    public var math: Double?
    /// LMArena text Elo.
    public var arenaElo: Double?

    public init(
        mmluPro: Double? = nil,
        gpqaDiamond: Double? = nil,
        humanEval: Double? = nil,
        math: Double? = nil,
        arenaElo: Double? = nil
    ) {
        self.mmluPro = mmluPro
        self.gpqaDiamond = gpqaDiamond
        self.humanEval = humanEval
        self.math = math
        self.arenaElo = arenaElo
    }
}
