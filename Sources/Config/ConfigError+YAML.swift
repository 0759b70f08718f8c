import Yams

extension ConfigError {
    /// Converts a Yams error, keeping libyaml's own position and adding a fix for common slips.
    static func syntax(_ error: YamlError, file: String, source: String) -> ConfigError {
        func make(_ position: SourcePosition, _ message: String, fix: String) -> ConfigError {
            ConfigError(code: .syntax, file: file, line: position.line, column: position.column, message: message, fix: fix)
        }
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            var message = "invalid YAML: \(problem)"
            if let context { message += " (\(context.text) at line \(context.mark.line))" }
            return make(SourcePosition(mark), message, fix: syntaxFix(message, at: SourcePosition(mark), source: source))
        case .duplicatedKeysInMapping(let duplicates, let context):
            // Yams marks the first occurrence; the repeat is the one to point at when it can be found.
            let first = SourcePosition(context.mark)
            let key = duplicates.first ?? ""
            let repeated = repeatedKey(key, after: first, in: source) ?? first
            return ConfigError(code: .duplicateKey, file: file, line: repeated.line, column: repeated.column,
                               message: "key '\(key)' appears more than once in the same mapping (first at line \(first.line))",
                               fix: "keep one of them; YAML does not merge repeated keys")
        case .reader(let problem, let offset, _, _):
            let start = offset.map { position(ofCharacterOffset: $0, in: source) } ?? SourcePosition(line: 1, column: 1)
            return make(start, "the file cannot be read as text: \(problem)", fix: "save it as UTF-8 text")
        default:
            return ConfigError(code: .syntax, file: file, line: 1, column: 1,
                               message: "invalid YAML: \(error)", fix: "check that the file is a YAML document")
        }
    }

    /// `problem` is libyaml's problem text with its context, which often names the construct.
    private static func syntaxFix(_ problem: String, at mark: SourcePosition, source: String) -> String {
        if character(at: mark, in: source) == "\t" || problem.contains("tab") {
            return "indent with spaces; YAML does not allow tabs"
        }
        if problem.contains("mapping values are not allowed") {
            return "put the value in quotes if it contains ': ', or check this line's indentation"
        }
        if problem.contains("undefined alias") {
            return "define the anchor (&name) before referring to it with *name"
        }
        if problem.contains("single document") || problem.contains("document start") {
            return "keep a single document: remove the extra '---' separator"
        }
        if problem.contains("flow sequence") || problem.contains("flow mapping") {
            return "check that every '[' and '{' is closed and items are separated by commas"
        }
        if problem.contains("quoted scalar") {
            return "close the quote, or escape quotes inside the value"
        }
        return "check the indentation, quotes and brackets at this position"
    }

    /// The next block-style line after `first` that starts `key:` in the same column.
    private static func repeatedKey(_ key: String, after first: SourcePosition, in source: String) -> SourcePosition? {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        guard first.line >= 1, first.line < lines.count, first.column >= 1 else { return nil }
        for index in first.line..<lines.count {
            let line = lines[index].unicodeScalars
            guard let start = line.index(line.startIndex, offsetBy: first.column - 1, limitedBy: line.endIndex),
                  line[..<start].allSatisfy({ $0 == " " })
            else { continue }
            let rest = Substring(line[start...])
            for spelling in [key, "\"\(key)\"", "'\(key)'"] where rest.hasPrefix(spelling) {
                if rest.dropFirst(spelling.count).drop(while: { $0 == " " }).hasPrefix(":") {
                    return SourcePosition(line: index + 1, column: first.column)
                }
            }
        }
        return nil
    }

    private static func character(at mark: SourcePosition, in source: String) -> Character? {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        guard mark.line >= 1, mark.line <= lines.count else { return nil }
        let line = lines[mark.line - 1].unicodeScalars
        guard let index = line.index(line.startIndex, offsetBy: mark.column - 1, limitedBy: line.endIndex),
              index < line.endIndex
        else { return nil }
        return Character(line[index])
    }

    /// Yams reports reader errors as a character offset; turn it into a line and column.
    private static func position(ofCharacterOffset offset: Int, in source: String) -> SourcePosition {
        var line = 1
        var column = 1
        for character in source.prefix(offset) {
            if character == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return SourcePosition(line: line, column: column)
    }
}
