import XCTest
@testable import Wire

/// JSON Schemas rewritten into Gemini's OpenAPI subset.
final class GeminiSchemaTests: XCTestCase {
    func convert(_ json: String, ordered: Bool = false) throws -> JSONValue {
        .object(try GeminiSchema.convert(try JSONValue.parse(json), orderProperties: ordered))
    }

    func testUnsupportedKeywordsAreDroppedAndTypesUpperCased() throws {
        XCTAssertEqual(try convert("""
            {"$schema":"x","$id":"y","type":"object","additionalProperties":false,"title":"T",
             "properties":{"n":{"type":"number","multipleOf":2,"exclusiveMinimum":0,"minimum":1,"maximum":9},
                           "tags":{"type":"array","items":{"type":"string","minLength":1},"uniqueItems":true,"maxItems":3},
                           "flag":{"type":"boolean","default":false,"deprecated":true}},
             "required":["n","missing"],"patternProperties":{"^x":{}}}
            """), [
            "type": "OBJECT", "title": "T",
            "properties": [
                "n": ["type": "NUMBER", "minimum": 1, "maximum": 9],
                "tags": ["type": "ARRAY", "maxItems": 3, "items": ["type": "STRING", "minLength": 1]],
                "flag": ["type": "BOOLEAN", "default": false],
            ],
            "required": ["n"],
        ])
    }

    func testNullableFormsBecomeNullable() throws {
        XCTAssertEqual(try convert(#"{"type":["string","null"]}"#), ["type": "STRING", "nullable": true])
        XCTAssertEqual(try convert(#"{"anyOf":[{"type":"integer"},{"type":"null"}],"description":"d"}"#),
                       ["type": "INTEGER", "description": "d", "nullable": true])
        XCTAssertEqual(try convert(#"{"enum":["a",null]}"#), ["type": "STRING", "nullable": true, "enum": ["a"]])
        XCTAssertEqual(try convert(#"{"type":"null"}"#), ["type": "NULL"])
    }

    func testUnionsBecomeAnyOf() throws {
        XCTAssertEqual(try convert(#"{"type":["string","integer"]}"#), ["anyOf": [["type": "STRING"], ["type": "INTEGER"]]])
        XCTAssertEqual(try convert(#"{"oneOf":[{"type":"string"},{"type":"object","properties":{"a":{"type":"string"}}}]}"#),
                       ["anyOf": [["type": "STRING"], ["type": "OBJECT", "properties": ["a": ["type": "STRING"]]]]])
    }

    func testEnumsConstAndFormatsFollowGeminiRules() throws {
        XCTAssertEqual(try convert(#"{"const":"fixed"}"#), ["type": "STRING", "enum": ["fixed"]])
        XCTAssertEqual(try convert(#"{"type":"integer","enum":[1,2,3],"description":"Level."}"#),
                       ["type": "INTEGER", "description": "Level. Allowed values: 1, 2, 3."])
        XCTAssertEqual(try convert(#"{"type":"string","format":"uri"}"#), ["type": "STRING"])
        XCTAssertEqual(try convert(#"{"type":"string","format":"date-time"}"#), ["type": "STRING", "format": "date-time"])
        XCTAssertEqual(try convert(#"{"type":"integer","format":"int64"}"#), ["type": "INTEGER", "format": "int64"])
        XCTAssertEqual(try convert(#"{"type":"string","examples":["x","y"]}"#), ["type": "STRING", "example": "x"])
    }

    func testRefsAreInlinedAllOfMergedAndRecursionRefused() throws {
        XCTAssertEqual(try convert("""
            {"type":"object","properties":{"home":{"$ref":"#/$defs/Address","description":"Home"},
             "work":{"allOf":[{"$ref":"#/definitions/Named"},{"properties":{"zip":{"type":"string"}},"required":["zip"]}]}},
             "$defs":{"Address":{"type":"object","properties":{"city":{"type":"string"}}}},
             "definitions":{"Named":{"type":"object","properties":{"name":{"type":"string"}},"required":["name"]}}}
            """, ordered: true), [
            "type": "OBJECT",
            "properties": [
                "home": ["type": "OBJECT", "description": "Home", "properties": ["city": ["type": "STRING"]],
                         "propertyOrdering": ["city"]],
                "work": ["type": "OBJECT", "properties": ["name": ["type": "STRING"], "zip": ["type": "STRING"]],
                         "required": ["name", "zip"], "propertyOrdering": ["name", "zip"]],
            ],
            "propertyOrdering": ["home", "work"],
        ])
        XCTAssertThrowsError(try convert(##"{"$defs":{"N":{"type":"object","properties":{"next":{"$ref":"#/$defs/N"}}}},"$ref":"#/$defs/N"}"##)) {
            XCTAssertEqual(($0 as? GeminiCodecError)?.code, .invalidSchema)
        }
        XCTAssertThrowsError(try convert(#"{"$ref":"https://example.com/schema.json"}"#))
    }

    func testInliningIsBoundedAgainstExponentialSchemas() throws {
        // Each level refers to the next twice: 2^20 nodes if inlined naively.
        var defs: [String] = []
        for level in 0..<20 {
            defs.append(##""L\##(level)":{"type":"object","properties":{"a":{"$ref":"#/$defs/L\##(level + 1)"},"b":{"$ref":"#/$defs/L\##(level + 1)"}}}"##)
        }
        defs.append(#""L20":{"type":"string"}"#)
        let schema = ##"{"$defs":{\##(defs.joined(separator: ","))},"$ref":"#/$defs/L0"}"##
        XCTAssertThrowsError(try convert(schema)) { XCTAssertEqual(($0 as? GeminiCodecError)?.code, .invalidSchema) }
    }

    func testEmptyPropertiesAreDroppedAndTypeInferred() throws {
        XCTAssertEqual(try convert(#"{"type":"object","properties":{}}"#), ["type": "OBJECT"])
        XCTAssertEqual(try convert(#"{"properties":{"a":{"type":"string"}}}"#),
                       ["type": "OBJECT", "properties": ["a": ["type": "STRING"]]])
        XCTAssertEqual(try convert(#"{"items":{"type":"number"}}"#), ["type": "ARRAY", "items": ["type": "NUMBER"]])
        XCTAssertEqual(try convert("true"), [:])
    }
}
