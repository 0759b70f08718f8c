import Yams

/// A 1-based line and column in the configuration source.
struct SourcePosition: Sendable, Hashable {
    var line: Int
    var column: Int

    /// The whole-file position used when no line applies.
    static let file = SourcePosition(line: 0, column: 0)

    init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// Yams attaches a mark to every composed node; the fallback only covers hand-built nodes.
    init(_ node: Node) {
        self.init(node.mark)
    }

    init(_ mark: Mark?) {
        line = mark?.line ?? 1
        column = mark?.column ?? 1
    }
}

/// A decoded value together with the position of the YAML node it came from.
struct Located<Value> {
    var value: Value
    var position: SourcePosition
}

extension Located: Sendable where Value: Sendable {}
