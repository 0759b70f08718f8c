/// Rewrites a JSON Schema into the OpenAPI 3.0 subset Gemini's `Schema` accepts, for tool
/// `parameters` and `responseSchema`.
///
/// Gemini rejects any keyword outside its subset with a 400 ("Unknown name … Cannot find field"),
/// so the rewrite keeps only: `type`, `format`, `title`, `description`, `nullable`, `enum`,
/// `properties`, `required`, `propertyOrdering`, `items`, `anyOf`, `minItems`, `maxItems`,
/// `minLength`, `maxLength`, `minProperties`, `maxProperties`, `minimum`, `maximum`, `pattern`,
/// `default`, `example`. It translates what it can:
/// - `type: [T, "null"]` and `anyOf`/`oneOf` members of type null become `nullable: true`;
///   several non-null types become `anyOf`; type names are upper-cased (`OBJECT`, `STRING`, …).
/// - `oneOf` becomes `anyOf`; `allOf` is merged into its parent; `const` becomes a one-value enum.
/// - `$ref` to `#/$defs/…` or `#/definitions/…` is inlined; a recursive one cannot be expressed
///   and throws `invalidSchema`.
/// - Gemini allows `enum` on strings only: other enums move into the description.
/// - Gemini allows `format` only as `enum`/`date-time` (strings), `float`/`double`, `int32`/`int64`.
/// - An empty `properties` is dropped (Gemini: "should be non-empty for OBJECT type").
/// Everything else (`additionalProperties`, `$schema`, `$id`, `$defs`, `patternProperties`,
/// `exclusiveMinimum`, `multipleOf`, `uniqueItems`, `not`, `if`/`then`/`else`, `prefixItems`
/// beyond its first member, `readOnly`, `deprecated`, …) is dropped.
struct GeminiSchema {
    /// Most schema nodes one conversion may produce; inlining `$ref`s can grow a schema
    /// exponentially, and a hostile tool list must not make the gateway do that work.
    static let maxNodes = 10_000

    let root: JSONObject
    let orderProperties: Bool
    private var refStack: [String] = []
    private var nodes = 0

    /// Converts `schema`; `orderProperties` adds `propertyOrdering` (Gemini 2.0 otherwise orders
    /// structured output alphabetically).
    static func convert(_ schema: JSONValue, orderProperties: Bool = false) throws(GeminiCodecError) -> JSONObject {
        var converter = GeminiSchema(root: schema.object ?? JSONObject(), orderProperties: orderProperties)
        return try converter.convert(schema)
    }

    private init(root: JSONObject, orderProperties: Bool) {
        self.root = root
        self.orderProperties = orderProperties
    }

    mutating func convert(_ node: JSONValue) throws(GeminiCodecError) -> JSONObject {
        nodes += 1
        guard nodes <= Self.maxNodes else {
            throw GeminiCodecError(.invalidSchema, "the schema is too large for Gemini once its $refs are inlined")
        }
        guard var object = node.object else { return JSONObject() }
        if let ref = object["$ref"]?.string {
            return try inline(ref, siblings: object)
        }
        if let parts = object["allOf"]?.array {
            object = try merged(object, parts)
        }
        return try convertResolved(object)
    }

    /// Converts a node with its `$ref` target in place of the reference; siblings override.
    private mutating func inline(_ ref: String, siblings: JSONObject) throws(GeminiCodecError) -> JSONObject {
        guard !refStack.contains(ref) else {
            throw GeminiCodecError(.invalidSchema, "the schema refers to itself through '\(ref)'; Gemini schemas cannot recurse")
        }
        guard var target = resolve(ref) else {
            throw GeminiCodecError(.invalidSchema, "the schema reference '\(ref)' does not resolve to a local definition")
        }
        for member in siblings where member.key != "$ref" { target[member.key] = member.value }
        refStack.append(ref)
        defer { refStack.removeLast() }
        return try convert(.object(target))
    }

    private func resolve(_ ref: String) -> JSONObject? {
        for prefix in ["#/$defs/", "#/definitions/"] where ref.hasPrefix(prefix) {
            let name = String(ref.dropFirst(prefix.count))
            return root[String(prefix.dropFirst(2).dropLast())]?[name]?.object
        }
        return ref == "#" ? root : nil
    }

    /// Folds `allOf` members into `object`: properties and `required` are united, any other
    /// keyword keeps its first value.
    private mutating func merged(_ object: JSONObject, _ parts: [JSONValue]) throws(GeminiCodecError) -> JSONObject {
        var result = object
        result["allOf"] = nil
        for part in parts {
            guard var member = part.object else { continue }
            if let ref = member["$ref"]?.string {
                guard let target = resolve(ref) else {
                    throw GeminiCodecError(.invalidSchema, "the schema reference '\(ref)' does not resolve to a local definition")
                }
                member = target
            }
            for field in member {
                switch field.key {
                case "properties":
                    var properties = result["properties"]?.object ?? JSONObject()
                    for property in field.value.object ?? JSONObject() where properties[property.key] == nil {
                        properties[property.key] = property.value
                    }
                    result["properties"] = .object(properties)
                case "required":
                    var required = result["required"]?.array ?? []
                    for name in field.value.array ?? [] where !required.contains(name) { required.append(name) }
                    result["required"] = .array(required)
                default:
                    if result[field.key] == nil { result[field.key] = field.value }
                }
            }
        }
        return result
    }
}
