/// Cue words whose presence hints at the task: code, math, reasoning, creative writing, extraction.
///
/// Looked up by the word's full 32-bit hash (see `NgramHash.word`) in a static open-addressing
/// table, so the scanner never compares strings. Bigram cues are keyed by the two words' hashes.
struct CueWords: @unchecked Sendable {
    // The table is written once, in `shared`'s initialiser, and only read afterwards.
    private let slots: UnsafeMutablePointer<UInt64>
    private static let slotCount = 512

    static let shared = CueWords()

    static let lists: [(CueKind, [String])] = [
        (.codeKeyword, [
            "def", "return", "import", "elif", "lambda", "const", "let", "var", "func", "fn", "void",
            "struct", "enum", "impl", "public", "private", "static", "printf", "println", "console",
            "include", "namespace", "async", "await", "null", "nil", "fmt", "int", "bool", "str",
            "catch", "except", "raise", "throw", "typedef", "malloc", "stdout", "args", "kwargs",
        ]),
        (.codeRequest, [
            "python", "javascript", "typescript", "java", "rust", "golang", "kotlin", "swift", "sql",
            "regex", "bash", "html", "css", "function", "functions", "code", "program", "programming",
            "script", "algorithm", "implement", "compile", "debug", "bug", "api", "array", "arrays",
            "dictionary", "recursion", "recursive", "runtime", "snippet", "tuple", "tuples", "string",
        ]),
        (.math, [
            "calculate", "compute", "solve", "equation", "equations", "sum", "total", "product",
            "percent", "percentage", "probability", "integral", "derivative", "matrix", "polynomial",
            "prime", "divisible", "remainder", "fraction", "ratio", "average", "mean", "area",
            "perimeter", "volume", "radius", "dollars", "cents", "cost", "price", "profit", "each",
            "per", "twice", "half", "triple", "theorem", "algebra", "geometry", "arithmetic",
        ]),
        (.reasoning, [
            "prove", "proof", "why", "explain", "reason", "reasoning", "derive", "justify", "analyze",
            "analyse", "compare", "deduce", "infer", "logic", "logical", "puzzle", "riddle",
            "therefore", "implies", "contradiction", "consequently", "evaluate", "critique",
        ]),
        (.creative, [
            "story", "poem", "poetry", "essay", "blog", "lyrics", "song", "haiku", "fiction",
            "character", "narrative", "creative", "imagine", "pretend", "roleplay", "novel", "joke",
            "limerick", "sonnet", "slogan", "script",
        ]),
        (.extraction, [
            "extract", "summarize", "summarise", "summary", "classify", "categorize", "parse",
            "entities", "keywords", "json", "tabulate", "bullet", "outline", "csv",
        ]),
    ]

    static let bigramLists: [(CueKind, [(String, String)])] = [
        (.math, [("how", "many"), ("how", "much"), ("how", "long"), ("what", "percent")]),
        (.reasoning, [("step", "by"), ("think", "through"), ("lets", "think"), ("show", "that")]),
    ]

    private init() {
        slots = .allocate(capacity: Self.slotCount)
        slots.initialize(repeating: 0, count: Self.slotCount)
        for (kind, words) in Self.lists {
            for word in words { insert(NgramHash.word(word), kind) }
        }
        for (kind, pairs) in Self.bigramLists {
            for (a, b) in pairs {
                insert(Self.pairKey(NgramHash.word(a), NgramHash.word(b)), kind)
                markBigramStart(NgramHash.word(a))
            }
        }
    }

    /// Flags `word` as the first word of some bigram cue, adding it with no kind if absent.
    private func markBigramStart(_ word: UInt32) {
        var slot = Self.slot(word)
        while slots[slot] != 0 && UInt32(truncatingIfNeeded: slots[slot] >> 8) != word { slot = (slot + 1) & (Self.slotCount - 1) }
        slots[slot] = UInt64(word) << 8 | (slots[slot] & 0xFF) | Self.bigramStart
    }

    /// Set in a stored entry's low byte when the word begins a bigram cue: only then is the
    /// (word, next word) pair looked up, which saves a probe per word.
    static let bigramStart: UInt64 = 0x80

    /// The entry for a word: its `CueKind` and whether it starts a bigram cue.
    @inline(__always)
    func lookup(_ word: UInt32) -> (kind: CueKind, startsBigram: Bool) {
        var slot = Self.slot(word)
        while true {
            let stored = slots[slot]
            if stored == 0 { return (.none, false) }
            if UInt32(truncatingIfNeeded: stored >> 8) == word {
                return (CueKind(rawValue: UInt8(truncatingIfNeeded: stored & 0x7F)) ?? .none, stored & Self.bigramStart != 0)
            }
            slot = (slot + 1) & (Self.slotCount - 1)
        }
    }

    @inline(__always)
    private static func slot(_ key: UInt32) -> Int {
        Int(((key ^ (key >> 15)) &* 0x2C1B_3C6D) >> 23) & (slotCount - 1)
    }

    /// The key a bigram cue is stored under.
    @inline(__always)
    static func pairKey(_ first: UInt32, _ second: UInt32) -> UInt32 {
        NgramHash.finalize(first &* 31 &+ second)
    }

    private func insert(_ key: UInt32, _ kind: CueKind) {
        var slot = Self.slot(key)
        while slots[slot] != 0 {
            // A word listed twice keeps its first kind: `script` counts as a code request.
            if UInt32(truncatingIfNeeded: slots[slot] >> 8) == key { return }
            slot = (slot + 1) & (Self.slotCount - 1)
        }
        slots[slot] = UInt64(key) << 8 | UInt64(kind.rawValue)
    }

    /// The cue kind stored under `key` (a word hash or a `pairKey`), or `.none`.
    @inline(__always)
    func kind(of key: UInt32) -> CueKind {
        var slot = Self.slot(key)
        while true {
            let stored = slots[slot]
            if stored == 0 { return .none }
            if UInt32(truncatingIfNeeded: stored >> 8) == key {
                return CueKind(rawValue: UInt8(truncatingIfNeeded: stored & 0x7F)) ?? .none
            }
            slot = (slot + 1) & (Self.slotCount - 1)
        }
    }
}
