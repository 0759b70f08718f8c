// Word boundaries: finishing a word (n-grams, cues, number tokens) and non-ASCII characters.

extension TextScanner {
    /// Hash standing in for every number of `digits` digits (capped at 6): magnitudes, not values.
    @inline(__always)
    static func numberToken(digits: Int) -> UInt32 {
        NgramHash.finalize(0x4E55_4D00 | UInt32(min(digits, 6)))
    }

    /// Emits the word in progress, if any: its unigram, the bigram with the previous word, cues.
    @inline(__always)
    mutating func endWord() {
        guard wordLength > 0 else { return }
        words += 1
        let word: UInt32
        if wordDigits == wordLength {
            numbers += 1
            word = Self.numberToken(digits: wordLength)
            numberState = .afterNumber
        } else {
            word = wordHash
            numberState = .none
        }
        emit(word, cueCheck: wordDigits != wordLength && wordLength <= 16)
        wordHash = NgramHash.offsetBasis
        wordLength = 0
        wordDigits = 0
    }

    @inline(__always)
    private mutating func emit(_ word: UInt32, cueCheck: Bool) {
        if hasPrevious {
            if previousStartsBigram { cueCounts.add(cues.kind(of: CueWords.pairKey(previousWord, word))) }
            ngrams.insert(NgramHash.bigram(previousWord, word))
        }
        ngrams.insert(NgramHash.unigram(word))
        previousStartsBigram = false
        if cueCheck {
            let entry = cues.lookup(word)
            cueCounts.add(entry.kind)
            previousStartsBigram = entry.startsBigram
        }
        previousWord = word
        hasPrevious = true
    }

    /// Decodes the UTF-8 sequence at `i` (input is valid UTF-8; a truncated tail is skipped) and
    /// returns the offset after it.
    mutating func scanMultibyte(_ p: UnsafePointer<UInt8>, at i: Int, count: Int) -> Int {
        let lead = UInt32(p[i])
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        guard i + length <= count else { return count }
        var scalar = lead & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for k in 1 ..< length { scalar = scalar << 6 | (UInt32(p[i + k]) & 0x3F) }
        atLineStart = false
        backtickRun = 0
        switch ScriptClass.of(scalar) {
        case .boundary:
            endWord()
            numberState = .none
        case .mathSymbol:
            endWord()
            mathSymbols += 1
            numberState = numberState == .afterNumber ? .afterOperator : .none
        case .cjk:
            endWord()
            scripts.cjk += 1
            wordHash = Self.hashScalar(NgramHash.offsetBasis, scalar)
            wordLength = 1
            endWord()
        case .latin:
            scripts.latin += 1
            appendScalar(scalar)
        case .cyrillic:
            scripts.cyrillic += 1
            appendScalar(scalar)
        case .arabic:
            scripts.arabic += 1
            appendScalar(scalar)
        case .otherLetter:
            scripts.other += 1
            appendScalar(scalar)
        }
        return i + length
    }

    @inline(__always)
    private mutating func appendScalar(_ scalar: UInt32) {
        wordHash = Self.hashScalar(wordHash, ScriptClass.lowercased(scalar))
        wordLength += 1
    }

    /// Feeds a scalar's three low bytes (all of Unicode fits in 21 bits) into FNV-1a.
    @inline(__always)
    static func hashScalar(_ hash: UInt32, _ scalar: UInt32) -> UInt32 {
        var h = NgramHash.step(hash, UInt8(truncatingIfNeeded: scalar >> 16))
        h = NgramHash.step(h, UInt8(truncatingIfNeeded: scalar >> 8))
        return NgramHash.step(h, UInt8(truncatingIfNeeded: scalar))
    }
}
