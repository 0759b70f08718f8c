/// Infers a request's `TaskCategory` from its features when no header or dataset group gave one.
///
/// Rules, first match wins: code, math, extraction (JSON output or extraction cue words),
/// creative (creative cue words), reasoning (two or more reasoning cues), knowledge (a
/// multiple-choice question), otherwise chat. Cue words reach here as `MetaToken`s, which the
/// extractor appends last, so only the tail of `ngramHashes` is searched.
public enum CategoryInference {
    public static func category(of f: RequestFeatures) -> TaskCategory {
        if let explicit = f.category { return explicit }
        if f.hasCode { return .code }
        if f.hasMath { return .math }
        let tail = f.ngramHashes.suffix(NgramSet.reserved)
        if f.wantsJSON || tail.contains(MetaToken.extraction) { return .extraction }
        if tail.contains(MetaToken.creative) { return .creative }
        if f.reasoningCues >= 2 { return .reasoning }
        if tail.contains(MetaToken.options) { return .knowledge }
        return .chat
    }
}
