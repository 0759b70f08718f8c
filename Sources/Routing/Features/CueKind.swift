/// Which task a cue word hints at.
enum CueKind: UInt8 {
    case none = 0
    /// A programming keyword that appears in code itself (`def`, `return`, `#include`).
    case codeKeyword
    /// A word asking for code (`python`, `function`, `sql`).
    case codeRequest
    /// A math or word-problem word (`calculate`, `equation`, `how many`).
    case math
    /// A reasoning cue (`prove`, `why`, `step by step`).
    case reasoning
    case creative
    case extraction
}
