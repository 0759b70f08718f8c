import Yams

/// Reads one YAML mapping of the configuration, turning every mismatch into a positioned `ConfigError`.
///
/// Values that are YAML null count as absent, so `timeouts:` with nothing under it means defaults.
struct MappingReader {
    struct Entry {
        let key: String
        let keyPosition: SourcePosition
        let value: Node
        var position: SourcePosition { SourcePosition(value) }
    }

    let context: DecodeContext
    let position: SourcePosition
    let entries: [Entry]
    /// Where the mapping sits, for messages: "at the top level", "in server", "in provider 'openai'".
    let place: String

    /// Fails with a wrong-type error naming `subject` (e.g. "'server'", "provider #2") when `node`
    /// is not a mapping.
    init(_ node: Node, subject: String, place: String, example: String, context: DecodeContext) throws(ConfigError) {
        guard case .mapping(let mapping) = node else {
            throw context.error(.wrongType, at: SourcePosition(node),
                                "\(subject) must be a mapping of keys to values, not \(node.kindDescription)",
                                fix: "write \(example)")
        }
        var entries: [Entry] = []
        for (keyNode, value) in mapping {
            guard case .scalar(let keyScalar) = keyNode else {
                throw context.error(.wrongType, at: SourcePosition(keyNode),
                                    "keys \(place) must be plain names, not \(keyNode.kindDescription)",
                                    fix: "write the key as a plain word followed by ':'")
            }
            entries.append(Entry(key: keyScalar.string, keyPosition: SourcePosition(keyNode), value: value))
        }
        self.context = context
        self.position = SourcePosition(node)
        self.entries = entries
        self.place = place
    }

    /// How messages name `key`: bare at the top level, with its place below it.
    func label(_ key: String) -> String {
        place == MappingReader.topLevel ? "'\(key)'" : "'\(key)' \(place)"
    }

    static let topLevel = "at the top level"

    /// Fails on the first key (in file order) not in `allowed`, suggesting the likely intended one.
    /// `elsewhere` maps keys that are valid in another section to that section's name.
    func rejectUnknownKeys(allowed: [String], elsewhere: [String: String] = [:]) throws(ConfigError) {
        for entry in entries where !allowed.contains(entry.key) {
            let fix: String
            if let section = elsewhere[entry.key] {
                fix = "move it under \(section):"
            } else if let suggestion = Suggestion.closest(to: entry.key, among: allowed) {
                fix = "did you mean '\(suggestion)'? Otherwise remove it (allowed here: \(allowed.joined(separator: ", ")))"
            } else {
                fix = "remove it; the keys allowed here are \(allowed.joined(separator: ", "))"
            }
            throw context.error(.unknownKey, at: entry.keyPosition, "unknown key '\(entry.key)' \(place)", fix: fix)
        }
    }

    /// The entry for `key`, or nil when it is missing or null.
    func entry(_ key: String) -> Entry? {
        entries.first { $0.key == key && !$0.value.isNull }
    }

    /// A text value after `${...}` expansion.
    func string(_ key: String, example: String) throws(ConfigError) -> Located<String>? {
        guard let entry = entry(key) else { return nil }
        return try text(of: entry.value, label: label(key), example: example)
    }

    /// A text value that must be present and non-empty; `subject` names the mapping ("provider #2").
    func requiredString(_ key: String, subject: String, example: String) throws(ConfigError) -> Located<String> {
        guard let value = try string(key, example: example) else {
            throw context.error(.missingKey, at: position, "\(subject) is missing the required key '\(key)'",
                                fix: "add \(example)")
        }
        guard !value.value.isEmpty else {
            throw context.error(.invalidValue, at: value.position, "\(label(key)) is empty", fix: "write \(example)")
        }
        return value
    }

    /// A whole number greater than zero, or `fallback` when absent. Underscores may group digits.
    func positiveInt(_ key: String, default fallback: Int, unit: String) throws(ConfigError) -> Int {
        guard let entry = entry(key) else { return fallback }
        let example = "\(key): \(fallback)"
        let text = try text(of: entry.value, label: label(key), example: example)
        let digits = text.value.replacing("_", with: "")
        guard let number = Int(digits), !digits.hasPrefix("+") else {
            throw context.error(.wrongType, at: text.position,
                                "\(label(key)) must be a whole number of \(unit), not '\(text.value)'",
                                fix: "write \(example)")
        }
        guard number > 0 else {
            throw context.error(.outOfRange, at: text.position,
                                "\(label(key)) must be greater than zero, not \(number)",
                                fix: "use a positive number of \(unit), such as \(fallback) (the default)")
        }
        return number
    }

    /// A list of text values, each expanded and positioned.
    func stringList(_ key: String, example: String) throws(ConfigError) -> [Located<String>]? {
        guard let nodes = try sequence(key, example: example) else { return nil }
        var values: [Located<String>] = []
        for node in nodes {
            values.append(try text(of: node, label: "each item of \(label(key))", example: example))
        }
        return values
    }

    func sequence(_ key: String, example: String) throws(ConfigError) -> [Node]? {
        guard let entry = entry(key) else { return nil }
        guard case .sequence(let sequence) = entry.value else {
            throw context.error(.wrongType, at: entry.position,
                                "\(label(key)) must be a list, not \(entry.value.kindDescription)",
                                fix: "write \(example)")
        }
        return Array(sequence)
    }

    func mapping(_ key: String, place: String, example: String) throws(ConfigError) -> MappingReader? {
        guard let entry = entry(key) else { return nil }
        return try MappingReader(entry.value, subject: label(key), place: place, example: example, context: context)
    }

    /// The expanded text of a scalar node; `label` names it in the wrong-type message.
    func text(of node: Node, label: String, example: String) throws(ConfigError) -> Located<String> {
        let position = SourcePosition(node)
        guard case .scalar(let scalar) = node else {
            throw context.error(.wrongType, at: position, "\(label) must be text, not \(node.kindDescription)",
                                fix: "write \(example)")
        }
        return Located(value: try context.expandedText(of: scalar, at: position), position: position)
    }
}
