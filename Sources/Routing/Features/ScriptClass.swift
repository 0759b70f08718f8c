/// What a non-ASCII code point is to the scanner: which script's letter, a math symbol, or neither.
///
/// Ranges are the Unicode blocks of each script (letters only, roughly); anything unlisted counts
/// as a word boundary. CJK code points (Han, kana, Hangul) form one-character words, since those
/// scripts do not separate words with spaces.
enum ScriptClass: UInt8 {
    case boundary
    case latin
    case cyrillic
    case cjk
    case arabic
    case otherLetter
    case mathSymbol

    @inline(__always)
    static func of(_ scalar: UInt32) -> ScriptClass {
        switch scalar {
        case 0x00C0 ... 0x024F where scalar != 0x00D7 && scalar != 0x00F7: .latin
        case 0x00D7, 0x00F7, 0x00B2, 0x00B3, 0x00B9, 0x00BC ... 0x00BE: .mathSymbol
        case 0x1E00 ... 0x1EFF: .latin
        case 0x0370 ... 0x03FF: scalar == 0x03C0 ? .mathSymbol : .otherLetter
        case 0x0400 ... 0x052F: .cyrillic
        case 0x0590 ... 0x05FF: .otherLetter
        case 0x0600 ... 0x06FF, 0x0750 ... 0x077F, 0x08A0 ... 0x08FF: .arabic
        case 0x0900 ... 0x0DFF, 0x0E00 ... 0x0E7F, 0x10A0 ... 0x10FF: .otherLetter
        case 0x2200 ... 0x22FF, 0x2A00 ... 0x2AFF, 0x2190 ... 0x21FF: .mathSymbol
        case 0x3040 ... 0x30FF, 0x3400 ... 0x4DBF, 0x4E00 ... 0x9FFF: .cjk
        case 0xAC00 ... 0xD7AF, 0xF900 ... 0xFAFF, 0x20000 ... 0x2FA1F: .cjk
        case 0xFB50 ... 0xFDFF, 0xFE70 ... 0xFEFF: .arabic
        default: .boundary
        }
    }

    /// Folds upper case to lower case for the scripts the hasher treats case-insensitively.
    @inline(__always)
    static func lowercased(_ scalar: UInt32) -> UInt32 {
        switch scalar {
        case 0x00C0 ... 0x00DE where scalar != 0x00D7: scalar + 0x20
        case 0x0410 ... 0x042F: scalar + 0x20
        case 0x0400 ... 0x040F: scalar + 0x50
        default: scalar
        }
    }
}

/// Letter counts per script; the dominant script is the one with the most weight.
struct ScriptTally {
    var latin = 0
    var cyrillic = 0
    var cjk = 0
    var arabic = 0
    var other = 0

    /// CJK characters count triple: one carries about a word, where Latin needs several letters.
    var dominant: Script {
        var best = Script.latin
        var bestCount = latin
        if cyrillic > bestCount { (best, bestCount) = (.cyrillic, cyrillic) }
        if cjk * 3 > bestCount { (best, bestCount) = (.cjk, cjk * 3) }
        if arabic > bestCount { (best, bestCount) = (.arabic, arabic) }
        if other > bestCount { best = .other }
        return best
    }
}
