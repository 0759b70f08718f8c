#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The request's flags and counts as the fixed dense vector the difficulty model weighs.
///
/// Values are scaled to about 0...1 so one learning rate suits all. The order is part of the
/// weights format (`DifficultyModel.formatVersion`).
public enum DenseFeatures {
    public static let count = 16
    public static let names = [
        "log_tokens", "extra_turns", "system", "code", "math", "tools", "json", "json_schema", "images",
        "cyrillic", "cjk", "arabic", "other_script", "reasoning_cues", "log_max_output", "inv_sqrt_ngrams",
    ]

    /// Calls `visit(index, value)` for every nonzero entry, in index order; allocation-free.
    @inline(__always)
    public static func forEach(_ f: RequestFeatures, _ visit: (Int, Double) -> Void) {
        visit(0, log2(Double(f.promptTokens) + 1) / 16)
        if f.turns > 1 { visit(1, Double(min(f.turns - 1, 8)) / 8) }
        if f.hasSystemPrompt { visit(2, 1) }
        if f.hasCode { visit(3, 1) }
        if f.hasMath { visit(4, 1) }
        if f.usesTools { visit(5, 1) }
        if f.wantsJSON { visit(6, 1) }
        if f.wantsJSONSchema { visit(7, 1) }
        if f.hasImages { visit(8, 1) }
        switch f.script {
        case .latin: break
        case .cyrillic: visit(9, 1)
        case .cjk: visit(10, 1)
        case .arabic: visit(11, 1)
        case .other: visit(12, 1)
        }
        if f.reasoningCues > 0 { visit(13, Double(min(f.reasoningCues, 8)) / 8) }
        if let max = f.maxOutputTokens, max > 0 { visit(14, log2(Double(max) + 1) / 16) }
        visit(15, ngramScale(f))
    }

    /// Each present n-gram contributes its weight times this, so long prompts do not swamp short ones.
    @inline(__always)
    public static func ngramScale(_ f: RequestFeatures) -> Double {
        1 / (Double(f.ngramHashes.count) + 1).squareRoot()
    }
}
