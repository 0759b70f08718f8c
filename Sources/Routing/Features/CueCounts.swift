/// How many cue words of each kind the text held.
struct CueCounts {
    var codeKeywords = 0
    var codeRequests = 0
    var math = 0
    var reasoning = 0
    var creative = 0
    var extraction = 0

    @inline(__always)
    mutating func add(_ kind: CueKind) {
        switch kind {
        case .none: break
        case .codeKeyword: codeKeywords += 1
        case .codeRequest: codeRequests += 1
        case .math: math += 1
        case .reasoning: reasoning += 1
        case .creative: creative += 1
        case .extraction: extraction += 1
        }
    }
}
