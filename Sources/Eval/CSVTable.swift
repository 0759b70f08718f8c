/// A CSV file parsed per RFC 4180: a header row, then rows of fields by column name.
///
/// Quoted fields may hold commas, newlines and doubled quotes; CRLF and LF both end a row.
public struct CSVTable: Sendable {
    public var header: [String]
    public var rows: [[String]]
    private var columns: [String: Int]

    public init(header: [String], rows: [[String]]) {
        self.header = header
        self.rows = rows
        var columns: [String: Int] = [:]
        for (i, name) in header.enumerated() where columns[name] == nil { columns[name] = i }
        self.columns = columns
    }

    public init(parsing text: String) throws(EvalError) {
        var all = try Self.parse(Array(text.utf8))
        guard !all.isEmpty else { throw EvalError(.invalidCSV, "no header row") }
        let header = all.removeFirst()
        self.init(header: header, rows: all)
    }

    public static func read(_ path: String) throws(EvalError) -> CSVTable {
        do {
            return try CSVTable(parsing: try TextFile.read(path))
        } catch {
            throw EvalError(error.code, "\(path): \(error.detail)")
        }
    }

    public func column(_ name: String) -> Int? { columns[name] }

    /// The column index of `name`, or a `missingColumn` error.
    public func require(_ name: String) throws(EvalError) -> Int {
        guard let index = columns[name] else { throw EvalError(.missingColumn, "no column \"\(name)\"") }
        return index
    }

    /// The field of `row` in `column`, empty when the row is short.
    public func value(_ row: [String], _ column: Int) -> String {
        column < row.count ? row[column] : ""
    }

    static func parse(_ bytes: [UInt8]) throws(EvalError) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field: [UInt8] = []
        var inQuotes = false
        var i = 0
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        func endField() {
            row.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
        }
        while i < bytes.count {
            let b = bytes[i]
            i += 1
            if inQuotes {
                if b == quote {
                    if i < bytes.count && bytes[i] == quote {
                        field.append(quote)
                        i += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    field.append(b)
                }
                continue
            }
            switch b {
            case quote where field.isEmpty: inQuotes = true
            case comma: endField()
            case cr where i < bytes.count && bytes[i] == lf: continue
            case lf, cr:
                endField()
                rows.append(row)
                row.removeAll(keepingCapacity: true)
            default: field.append(b)
            }
        }
        guard !inQuotes else { throw EvalError(.invalidCSV, "a quoted field is not closed") }
        if !field.isEmpty || !row.isEmpty {
            endField()
            rows.append(row)
        }
        return rows
    }
}
