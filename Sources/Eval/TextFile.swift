import Foundation

/// Whole-file text I/O with errors as `EvalError`.
enum TextFile {
    static func read(_ path: String) throws(EvalError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw EvalError(.io, "cannot read \(path)")
        }
        return String(decoding: data, as: UTF8.self)
    }

    static func readBytes(_ path: String) throws(EvalError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw EvalError(.io, "cannot read \(path)")
        }
        return [UInt8](data)
    }

    static func write(_ text: String, to path: String) throws(EvalError) {
        let url = URL(fileURLWithPath: path)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            throw EvalError(.io, "cannot write \(path): \(error.localizedDescription)")
        }
    }

    static func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: path)
    }

    /// Names of the entries of a directory, sorted.
    static func list(_ directory: String) throws(EvalError) -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        } catch {
            throw EvalError(.io, "cannot list \(directory): \(error.localizedDescription)")
        }
    }
}
