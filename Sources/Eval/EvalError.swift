/// A failure of the offline tools: bad input files, missing data, impossible requests.
public struct EvalError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Code: String, Sendable {
        case io
        case invalidRecord
        case invalidCSV
        case missingColumn
        case noData
        case noCalibration
        case unknownRouter
        case invalidArgument
    }

    public var code: Code
    public var detail: String

    public init(_ code: Code, _ detail: String) {
        self.code = code
        self.detail = detail
    }

    public var description: String { "\(code.rawValue): \(detail)" }
}
