import Yams

extension Node {
    /// Whether the node is YAML's null (`key:` with nothing after it, `~`, `null`): treated as absent.
    var isNull: Bool {
        guard case .scalar(let scalar) = self, scalar.style == .plain || scalar.style == .any else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// How the node reads to someone who wrote it, for "must be X, not Y" messages.
    var kindDescription: String {
        switch self {
        case .scalar(let scalar): "'\(scalar.string)'"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }
}
