import Wire

/// Builds a tool call's arguments from the tool's JSON Schema and the prompt, deterministically.
///
/// Only the schema's `required` properties are filled, in `properties` order. A value written in
/// the prompt as `name=value` (up to a space or comma, or in double quotes) wins when it fits the
/// type. Otherwise, by schema: `const`, `default`, the first `enum` value; a string is the
/// prompt's subject (the words after the last tool name, less a leading "for", "in", …, up to
/// the first punctuation mark; the property name when there are none); an integer or number is the
/// first number in the prompt, else 1, kept within `minimum`/`maximum`; a boolean is true; an
/// array holds one element made from `items`; an object fills its own required properties;
/// `anyOf`/`oneOf` use their first alternative and a list of types its first non-null type.
struct SimToolArguments {
    /// Words dropped from the start of the subject.
    static let connectives: Set<String> = ["for", "in", "of", "about", "with", "on", "at", "to", "and", "the",
                                           "a", "an", "please", "me", "tool", "tools", "function"]
    /// Nesting beyond this gets `null`, so a recursive schema cannot loop.
    static let maxDepth = 8

    let pairs: [String: String]
    let subject: String
    let firstNumber: Double?

    init(prompt: String, toolNames: Set<String>) {
        let written = Self.pairs(in: prompt)
        pairs = written.pairs
        subject = Self.subject(of: written.rest, toolNames: toolNames)
        firstNumber = SimToolPlanner.words(prompt).lazy.compactMap { Double($0) }.first
    }

    /// The arguments object for `schema`, as compact JSON; always an object, as every dialect
    /// requires of arguments.
    func json(for schema: JSONValue) -> String {
        object(for: schema, depth: 0).jsonText
    }

    func value(for schema: JSONValue, name: String, depth: Int) -> JSONValue {
        guard depth < Self.maxDepth, schema.object != nil else { return .null }
        if let constant = schema["const"] { return constant }
        if let alternatives = (schema["anyOf"] ?? schema["oneOf"])?.array, let first = alternatives.first {
            return value(for: first, name: name, depth: depth + 1)
        }
        let written = pairs[name]
        if let options = schema["enum"]?.array, let first = options.first {
            return options.first { $0.string == written } ?? schema["default"] ?? first
        }
        switch type(of: schema) {
        case "object":
            return object(for: schema, depth: depth)
        case "array":
            return [value(for: schema["items"] ?? ["type": "string"], name: name, depth: depth + 1)]
        case "integer":
            if let written, let int = Int(written) { return .number(JSONNumber(int)) }
            if let fallback = schema["default"] { return fallback }
            let number = clamped(firstNumber ?? 1, schema)
            return .number(JSONNumber(abs(number) < 1e15 ? Int(number) : 1))
        case "number":
            if let written, let double = Double(written) { return .number(JSONNumber(double)) }
            if let fallback = schema["default"] { return fallback }
            let number = clamped(firstNumber ?? 1, schema)
            if abs(number) < 1e15, Double(Int(number)) == number { return .number(JSONNumber(Int(number))) }
            return .number(JSONNumber(number))
        case "boolean":
            if written == "true" || written == "false" { return .bool(written == "true") }
            return schema["default"] ?? true
        case "null":
            return .null
        default:
            if let written { return .string(written) }
            return schema["default"] ?? .string(subject.isEmpty ? name : subject)
        }
    }

    private func object(for schema: JSONValue, depth: Int) -> JSONValue {
        let required = (schema["required"]?.array ?? []).compactMap(\.string)
        var members = JSONObject()
        let properties = schema["properties"]?.object ?? JSONObject()
        for property in properties where required.contains(property.key) {
            members[property.key] = value(for: property.value, name: property.key, depth: depth + 1)
        }
        for name in required where members[name] == nil {
            members[name] = value(for: ["type": "string"], name: name, depth: depth + 1)
        }
        return .object(members)
    }

    /// The schema's type; for a list, its first non-null entry.
    private func type(of schema: JSONValue) -> String? {
        if let type = schema["type"]?.string { return type }
        if let types = schema["type"]?.array { return types.lazy.compactMap(\.string).first { $0 != "null" } }
        return schema["properties"] != nil ? "object" : nil
    }

    private func clamped(_ number: Double, _ schema: JSONValue) -> Double {
        var value = number
        if let minimum = schema["minimum"]?.double { value = max(value, minimum) }
        if let maximum = schema["maximum"]?.double { value = min(value, maximum) }
        return value
    }

    /// `name=value` and `name="quoted value"` in the prompt (the first writing of a name wins),
    /// and the prompt without them, from which the subject is taken.
    static func pairs(in prompt: String) -> (pairs: [String: String], rest: String) {
        var result: [String: String] = [:]
        let characters = Array(prompt)
        var rest = ""
        var copied = 0
        for (i, character) in characters.enumerated() where character == "=" && i >= copied {
            var start = i
            while start > copied && SimToolPlanner.isWordCharacter(characters[start - 1]) { start -= 1 }
            guard start < i else { continue }
            var end = i + 1
            let value: String
            if end < characters.count && characters[end] == "\"" {
                let close = characters[(end + 1)...].firstIndex(of: "\"") ?? characters.count
                value = String(characters[(end + 1)..<close])
                end = min(close + 1, characters.count)
            } else {
                while end < characters.count && !characters[end].isWhitespace && !",;)".contains(characters[end]) {
                    end += 1
                }
                value = String(characters[(i + 1)..<end])
            }
            let key = String(characters[start..<i])
            if result[key] == nil { result[key] = value }
            rest += String(characters[copied..<start])
            copied = end
        }
        rest += String(characters[copied...])
        return (result, rest)
    }

    /// The words after the last tool name in the prompt (the whole prompt when none is named),
    /// without leading connectives, up to the first `.`, `,`, `;`, `?`, `!` or line break, at most
    /// 80 characters.
    static func subject(of prompt: String, toolNames: Set<String>) -> String {
        let words = SimToolPlanner.words(prompt)
        var rest = prompt[...]
        if let last = words.last(where: { toolNames.contains(String($0)) }) {
            rest = prompt[last.endIndex...]
        }
        let restText = String(rest)
        var tail = SimToolPlanner.words(restText)[...]
        while let first = tail.first, connectives.contains(first.lowercased()) { tail = tail.dropFirst() }
        guard let first = tail.first else { return "" }
        let trimmed = restText[first.startIndex...].prefix { !"\n?!.,;".contains($0) }
        var subject = String(trimmed.prefix(80))
        while let end = subject.last, !SimToolPlanner.isWordCharacter(end) && end != "\"" && end != ")" {
            subject.removeLast()
        }
        return subject
    }
}
