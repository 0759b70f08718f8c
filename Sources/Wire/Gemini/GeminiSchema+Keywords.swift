// The keyword-by-keyword rewrite of one resolved schema node (no `$ref`, no `allOf`).

extension GeminiSchema {
    /// Gemini's type names by JSON Schema's.
    static let typeNames: [String: String] = [
        "string": "STRING", "number": "NUMBER", "integer": "INTEGER", "boolean": "BOOLEAN",
        "array": "ARRAY", "object": "OBJECT", "null": "NULL",
    ]

    /// `format` values Gemini accepts, by Gemini type; any other format is a 400 upstream.
    static let formats: [String: Set<String>] = [
        "STRING": ["enum", "date-time"], "NUMBER": ["float", "double"], "INTEGER": ["int32", "int64"],
    ]

    /// Keywords copied unchanged when present.
    static let copied = ["title", "description", "pattern", "minLength", "maxLength", "minItems", "maxItems",
                         "minProperties", "maxProperties", "minimum", "maximum", "default", "example"]

    mutating func convertResolved(_ node: JSONObject) throws(GeminiCodecError) -> JSONObject {
        var types = Self.declaredTypes(node["type"])
        var nullable = node["nullable"]?.bool == true || types.contains("NULL")
        types.removeAll { $0 == "NULL" }
        let onlyNull = types.isEmpty && node["type"] != nil && nullable

        var alternatives: [JSONObject] = []
        for member in node["anyOf"]?.array ?? node["oneOf"]?.array ?? [] {
            let converted = try convert(member)
            if converted["type"]?.string == "NULL" && converted.count == 1 {
                nullable = true
            } else {
                alternatives.append(converted)
            }
        }
        // `anyOf: [X, null]` is X made nullable, the usual Pydantic shape for optional fields.
        var out = JSONObject()
        if alternatives.count == 1 && types.isEmpty {
            out = alternatives[0]
            alternatives = []
        }

        var properties = JSONObject()
        for property in node["properties"]?.object ?? JSONObject() {
            properties[property.key] = .object(try convert(property.value))
        }
        var items: JSONObject?
        if let value = node["items"] {
            items = try convert(value.array?.first ?? value)
        } else if let first = node["prefixItems"]?.array?.first {
            items = try convert(first)
        }

        var enumValues = node["enum"]?.array
        if let constant = node["const"] { enumValues = [constant] }
        if enumValues?.contains(where: \.isNull) == true {
            nullable = true
            enumValues?.removeAll(where: \.isNull)
        }

        if types.isEmpty && out["type"] == nil {
            if !properties.isEmpty { types = ["OBJECT"] } else if items != nil { types = ["ARRAY"] } else if
                let enumValues, !enumValues.isEmpty, enumValues.allSatisfy({ $0.string != nil }) { types = ["STRING"] }
        }
        if types.count == 1 {
            out["type"] = .string(types[0])
        } else if types.count > 1 && alternatives.isEmpty {
            alternatives = types.map { type in
                var alternative = JSONObject()
                alternative["type"] = .string(type)
                return alternative
            }
        } else if onlyNull {
            out["type"] = "NULL"
        }
        let type = out["type"]?.string

        if let format = node["format"]?.string, let type, Self.formats[type]?.contains(format) == true {
            out["format"] = .string(format)
        }
        for key in Self.copied { if let value = node[key] { out[key] = value } }
        if out["example"] == nil, let first = node["examples"]?.array?.first { out["example"] = first }
        if nullable && !onlyNull { out["nullable"] = true }
        if let enumValues, !enumValues.isEmpty { applyEnum(enumValues, type: type, to: &out) }

        if !properties.isEmpty {
            out["properties"] = .object(properties)
            let required = (node["required"]?.array ?? []).filter { $0.string.map { properties[$0] != nil } ?? false }
            if !required.isEmpty { out["required"] = .array(required) }
            if orderProperties { out["propertyOrdering"] = .array(properties.keys.map(JSONValue.string)) }
        }
        if let items { out["items"] = .object(items) }
        if !alternatives.isEmpty { out["anyOf"] = .array(alternatives.map(JSONValue.object)) }
        return out
    }

    /// Gemini accepts `enum` on strings only; other enums are told to the model in prose.
    private func applyEnum(_ values: [JSONValue], type: String?, to out: inout JSONObject) {
        let strings = values.compactMap(\.string)
        if strings.count == values.count && (type == nil || type == "STRING") {
            out["type"] = "STRING"
            out["enum"] = .array(strings.map(JSONValue.string))
            return
        }
        let listed = values.map(\.jsonText).joined(separator: ", ")
        let note = "Allowed values: \(listed)."
        let description = out["description"]?.string.map { $0 + " " + note } ?? note
        out["description"] = .string(description)
    }

    /// The node's `type` as Gemini type names; unknown names are dropped.
    static func declaredTypes(_ value: JSONValue?) -> [String] {
        if let name = value?.string { return typeNames[name].map { [$0] } ?? [] }
        var types: [String] = []
        for name in value?.array ?? [] {
            if let mapped = name.string.flatMap({ typeNames[$0] }), !types.contains(mapped) { types.append(mapped) }
        }
        return types
    }
}
