import Foundation

/// Outcome files on disk: one `OutcomeRecord` per line (JSON Lines); blank lines are skipped.
public enum OutcomeFile {
    public static func read(_ path: String) throws(EvalError) -> [OutcomeRecord] {
        let text = try TextFile.read(path)
        var records: [OutcomeRecord] = []
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.allSatisfy(\.isWhitespace) { continue }
            do {
                records.append(try OutcomeRecord(line: String(line)))
            } catch {
                throw EvalError(error.code, "\(path):\(lineNumber): \(error.detail)")
            }
        }
        return records
    }

    /// Reads several files in order and concatenates their records.
    public static func read(_ paths: [String]) throws(EvalError) -> [OutcomeRecord] {
        var all: [OutcomeRecord] = []
        for path in paths { all += try read(path) }
        return all
    }

    public static func write(_ records: [OutcomeRecord], to path: String) throws(EvalError) {
        var text = ""
        text.reserveCapacity(records.count * 512)
        for record in records {
            text += record.jsonLine()
            text += "\n"
        }
        try TextFile.write(text, to: path)
    }
}
