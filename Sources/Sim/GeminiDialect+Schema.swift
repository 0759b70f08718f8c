import Wire

extension GeminiDialect {
    /// The members of Gemini's `Schema` (an OpenAPI 3.0 subset).
    static let schemaFields: Set<String> = [
        "type", "format", "title", "description", "nullable", "enum", "maxItems", "minItems", "properties",
        "required", "minProperties", "maxProperties", "minLength", "maxLength", "pattern", "example", "anyOf",
        "propertyOrdering", "default", "items", "minimum", "maximum",
    ]
    static let schemaTypes: Set<String> = ["TYPE_UNSPECIFIED", "STRING", "NUMBER", "INTEGER", "BOOLEAN", "ARRAY", "OBJECT", "NULL"]

    /// Rejects what Gemini rejects in a `Schema`: unknown keywords (`additionalProperties`,
    /// `$schema`, …), unknown types, non-string enum values, string formats other than `enum`
    /// and `date-time`, and an OBJECT whose `properties` is empty.
    static func checkSchema(_ value: JSONValue, at path: String) throws(SimError) {
        let schema = try fields(value, at: path, known: schemaFields)
        let type = schema["type"]?.string?.uppercased()
        if let type, !schemaTypes.contains(type) {
            throw SimError(.invalidParameter, message: "Invalid value at '\(path).type' "
                + "(type.googleapis.com/google.ai.generativelanguage.v1beta.Type), \"\(schema["type"]!.string!)\"")
        }
        for (index, option) in (schema["enum"]?.array ?? []).enumerated() where option.string == nil {
            throw SimError(.invalidParameter, message: "Invalid value at '\(path).enum[\(index)]' (TYPE_STRING), \(option.jsonText)")
        }
        if type == "STRING", let format = schema["format"]?.string, format != "enum", format != "date-time" {
            throw invalid("\(path).format", "only 'enum' and 'date-time' are supported for STRING type")
        }
        if let properties = schema["properties"]?.object {
            if properties.isEmpty && type == "OBJECT" {
                throw invalid("\(path).properties", "should be non-empty for OBJECT type")
            }
            for property in properties {
                try checkSchema(property.value, at: "\(path).properties[\(property.key)].value")
            }
        }
        if let items = schema["items"] { try checkSchema(items, at: "\(path).items") }
        for (index, option) in (schema["anyOf"]?.array ?? []).enumerated() {
            try checkSchema(option, at: "\(path).any_of[\(index)]")
        }
    }

    /// A Gemini schema as JSON Schema: the types lower-cased, recursively.
    static func jsonSchema(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let object):
            var result = JSONObject()
            for member in object {
                if member.key == "type", let type = member.value.string {
                    result["type"] = .string(type.lowercased())
                } else if member.key == "enum" || member.key == "required" || member.key == "propertyOrdering" {
                    result[member.key] = member.value
                } else {
                    result[member.key] = jsonSchema(member.value)
                }
            }
            return .object(result)
        case .array(let elements):
            return .array(elements.map(jsonSchema))
        default:
            return value
        }
    }
}
