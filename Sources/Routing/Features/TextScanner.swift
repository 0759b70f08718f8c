/// Running counts over a request's text, fed one segment (one message's content) at a time.
///
/// One pass per byte, no allocation: words are hashed as they stream by (FNV-1a, ASCII lowercased)
/// and n-grams go straight into an `NgramSet` over caller scratch. Apostrophes inside words are
/// dropped (`let's` -> `lets`) so contractions hash as one word. Digit-only words become a
/// length-bucketed number token so "17" and "42" share a feature.
struct TextScanner {
    var ngrams: NgramSet
    let cues = CueWords.shared

    var textBytes = 0
    var words = 0
    var numbers = 0
    var codeSymbols = 0
    var newlines = 0
    var fenceMarks = 0
    var indentedLines = 0
    var latexCommands = 0
    var texDollars = 0
    var mathSymbols = 0
    /// `digit op digit` patterns (`3 + 4`, `2x=6` counts once).
    var arithmetic = 0
    /// Lines that start like a multiple-choice option (`A.`, `B)`, `(C)`).
    var optionLines = 0
    var questionMarks = 0
    var scripts = ScriptTally()
    var cueCounts = CueCounts()

    // Word state; `wordLength` counts characters, `wordDigits` the ASCII digits among them.
    var wordHash = NgramHash.offsetBasis
    var wordLength = 0
    var wordDigits = 0
    var previousWord: UInt32 = 0
    var hasPrevious = false
    var previousStartsBigram = false

    // Line and arithmetic state.
    var atLineStart = true
    var lineIndent = 0
    var backtickRun = 0
    var numberState = NumberState.none

    enum NumberState: UInt8 { case none, afterNumber, afterOperator }

    init(ngrams: NgramSet) {
        self.ngrams = ngrams
    }

    /// Starts a new segment: bigrams do not span messages.
    mutating func beginSegment() {
        hasPrevious = false
        atLineStart = true
        lineIndent = 0
        numberState = .none
    }

    mutating func endSegment() {
        endWord()
        backtickRun = 0
    }

    /// Scans plain UTF-8 text (already unescaped).
    mutating func scan(_ text: UnsafeRawBufferPointer) {
        guard let base = text.baseAddress else { return }
        let p = base.assumingMemoryBound(to: UInt8.self)
        let count = text.count
        textBytes += count
        var i = 0
        while i < count {
            let b = p[i]
            if b >= 0x80 {
                i = scanMultibyte(p, at: i, count: count)
                continue
            }
            if Self.isWordByte(b) {
                i = scanWord(p, from: i, count: count)
                continue
            }
            i += 1
            if b == UInt8(ascii: "'") && wordLength > 0 { continue }
            endWord()
            punctuation(b, p, next: i, count: count)
        }
    }

    @inline(__always)
    static func isWordByte(_ b: UInt8) -> Bool {
        (b | 0x20) &- UInt8(ascii: "a") < 26 || b &- UInt8(ascii: "0") < 10 || b == UInt8(ascii: "_")
    }

    /// The hot loop: a run of ASCII word bytes, with the word state in registers.
    @inline(__always)
    private mutating func scanWord(_ p: UnsafePointer<UInt8>, from start: Int, count: Int) -> Int {
        let first = p[start]
        if atLineStart {
            atLineStart = false
            lineStartLetter(first, p, next: start + 1, count: count)
        }
        if wordLength == 0 && numberState == .afterOperator && first &- UInt8(ascii: "0") < 10 { arithmetic += 1 }
        var hash = wordHash
        var length = wordLength
        var digits = wordDigits
        var letters = 0
        var i = start
        repeat {
            let b = p[i]
            let isDigit = b &- UInt8(ascii: "0") < 10
            digits &+= isDigit ? 1 : 0
            letters &+= (b | 0x20) &- UInt8(ascii: "a") < 26 ? 1 : 0
            hash = NgramHash.step(hash, NgramHash.asciiLower(b))
            length &+= 1
            i &+= 1
        } while i < count && Self.isWordByte(p[i])
        wordHash = hash
        wordLength = length
        wordDigits = digits
        scripts.latin &+= letters
        backtickRun = 0
        return i
    }

    @inline(__always)
    private mutating func punctuation(_ b: UInt8, _ p: UnsafePointer<UInt8>, next: Int, count: Int) {
        if b == UInt8(ascii: "`") {
            backtickRun += 1
            if backtickRun == 3 { fenceMarks += 1 }
        } else {
            backtickRun = 0
        }
        switch b {
        case UInt8(ascii: "\n"):
            newlines += 1
            atLineStart = true
            lineIndent = 0
            return
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
            if atLineStart {
                lineIndent += b == UInt8(ascii: "\t") ? 4 : 1
                if lineIndent == 4 { indentedLines += 1 }
            }
            return
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "*"), UInt8(ascii: "/"), UInt8(ascii: "^"):
            numberState = numberState == .afterNumber ? .afterOperator : .none
        case UInt8(ascii: "="), UInt8(ascii: "<"), UInt8(ascii: ">"):
            codeSymbols += 1
            numberState = numberState == .afterNumber ? .afterOperator : .none
        case UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: ";"), UInt8(ascii: "("), UInt8(ascii: ")"),
             UInt8(ascii: "["), UInt8(ascii: "]"):
            codeSymbols += 1
            if b == UInt8(ascii: "("), atLineStart, next + 1 < count, p[next + 1] == UInt8(ascii: ")"),
               p[next] &- UInt8(ascii: "A") < 5 {
                optionLines += 1
            }
            numberState = .none
        case UInt8(ascii: "?"):
            questionMarks += 1
            numberState = .none
        case UInt8(ascii: "\\"):
            if next < count, (p[next] | 0x20) &- UInt8(ascii: "a") < 26 { latexCommands += 1 }
            numberState = .none
        case UInt8(ascii: "$"):
            if !(next < count && p[next] &- UInt8(ascii: "0") < 10) { texDollars += 1 }
            numberState = .none
        default:
            numberState = .none
        }
        atLineStart = false
    }

    /// A capital A-E at a line start followed by `.` or `)` and a space marks an answer option.
    @inline(__always)
    private mutating func lineStartLetter(_ b: UInt8, _ p: UnsafePointer<UInt8>, next: Int, count: Int) {
        guard b &- UInt8(ascii: "A") < 5, next + 1 < count else { return }
        let after = p[next]
        if (after == UInt8(ascii: ".") || after == UInt8(ascii: ")")) && p[next + 1] == UInt8(ascii: " ") {
            optionLines += 1
        }
    }
}
