import Foundation
import XCTest
import Wire

final class JSONValueTests: XCTestCase {
    func testParseAndAccessors() throws {
        let value = try JSONValue.parse(sampleChatRequest)
        XCTAssertEqual(value["model"]?.string, "gpt-4o-mini")
        XCTAssertEqual(value["messages"]?[0]?["content"]?.string, "You are a helpful assistant. Reply in English; café ☕ 👋")
        XCTAssertEqual(value["messages"]?[2]?["content"]?.string, "Sure, here is the \"summary\":\n- one\n- two")
        XCTAssertEqual(value["messages"]?[3]?["content"]?[1]?["image_url"]?["detail"]?.string, "low")
        XCTAssertEqual(value["max_tokens"]?.int, 512)
        XCTAssertEqual(value["temperature"]?.double, 0.7)
        XCTAssertNil(value["temperature"]?.number?.int)
        XCTAssertEqual(value["stream"]?.bool, true)
        XCTAssertNil(value["messages"]?[99])
        XCTAssertNil(value["nope"])
        XCTAssertNil(value["model"]?["x"])
        XCTAssertEqual(value.object?.keys, ["model", "messages", "tools", "temperature", "max_tokens", "stream", "user"])
    }

    func testUnicodeEscapes() throws {
        let value = try JSONValue.parse(#"["\u00e9", "\ud83d\ude00", "\ud800", "\udc00", "\ud800\u0041", "a\u0000b", "\/"]"#)
        XCTAssertEqual(value.array?.compactMap(\.string), ["é", "😀", "\u{FFFD}", "\u{FFFD}", "\u{FFFD}A", "a\u{0}b", "/"])
    }

    func testNumbers() throws {
        let value = try JSONValue.parse("[0, -0, 12, -9223372036854775808, 9223372036854775808, 1.5, 2e3, 1E400]")
        let numbers = value.array!.map { $0.number! }
        XCTAssertEqual(numbers.map(\.int), [0, 0, 12, Int.min, nil, nil, nil, nil])
        XCTAssertEqual(numbers[4].double, 9223372036854775808.0)
        XCTAssertEqual(numbers[5].double, 1.5)
        XCTAssertEqual(value[6]?.int, 2000) // Whole doubles read as Int through the accessor.
        XCTAssertEqual(numbers[7].double, .infinity)
        XCTAssertNil(value[5]?.int)
    }

    func testDuplicateKeysLastWinsFirstPosition() throws {
        let value = try JSONValue.parse(#"{"a":1,"b":2,"a":3}"#)
        XCTAssertEqual(value.object?.keys, ["a", "b"])
        XCTAssertEqual(value["a"]?.int, 3)
    }

    func testEncodeRoundTrip() throws {
        let value: JSONValue = [
            "id": "x\"y",
            "list": [1, 2.5, true, nil, ["nested": []]],
            "text": "é\n☕",
            "empty": [:],
        ]
        let encoded = value.encoded()
        XCTAssertEqual(
            String(decoding: encoded, as: UTF8.self),
            #"{"id":"x\"y","list":[1,2.5,true,null,{"nested":[]}],"text":"é\n☕","empty":{}}"#
        )
        XCTAssertEqual(try JSONValue.parse(encoded), value)
        XCTAssertEqual(try JSONValue.parse(sampleChatRequest.map { $0 }).encoded().count > 0, true)
        let reparsed = try JSONValue.parse(try JSONValue.parse(sampleChatRequest).encoded())
        XCTAssertEqual(reparsed, try JSONValue.parse(sampleChatRequest))
    }

    func testObjectEqualityIgnoresOrder() throws {
        XCTAssertEqual(try JSONValue.parse(#"{"a":1,"b":[2]}"#), try JSONValue.parse(#"{"b":[2],"a":1.0}"#))
        XCTAssertNotEqual(try JSONValue.parse(#"{"a":1}"#), try JSONValue.parse(#"{"a":1,"b":2}"#))
        XCTAssertNotEqual(try JSONValue.parse("[1,2]"), try JSONValue.parse("[2,1]"))
    }

    func testLargeObjectUsesIndexAndKeepsOrder() throws {
        var object = JSONObject()
        for i in 0 ..< 100 { object["k\(i)"] = .number(JSONNumber(i)) }
        object["k50"] = "replaced"
        object["k3"] = nil
        XCTAssertEqual(object.count, 99)
        XCTAssertEqual(object["k50"], "replaced")
        XCTAssertEqual(object["k99"]?.int, 99)
        XCTAssertNil(object["k3"])
        XCTAssertEqual(object.keys.prefix(4), ["k0", "k1", "k2", "k4"])
        // Many keys parse in linear time.
        var text = "{"
        for i in 0 ..< 20_000 { text += "\"key\(i)\":\(i)," }
        text += "\"last\":0}"
        let parsed = try JSONValue.parse(text)
        XCTAssertEqual(parsed["key19999"]?.int, 19999)
        XCTAssertEqual(parsed.object?.count, 20_001)
    }

    func testParseErrors() {
        XCTAssertThrowsError(try JSONValue.parse(#"{"a":}"#)) { error in
            XCTAssertEqual((error as? JSONError)?.code, .unexpectedByte)
        }
        XCTAssertThrowsError(try JSONValue.parse(#"[1] 2"#)) { error in
            XCTAssertEqual((error as? JSONError)?.code, .trailingData)
        }
        XCTAssertThrowsError(try JSONValue.parse(String(repeating: "[", count: 200) + String(repeating: "]", count: 200)))
    }

    func testAgreesWithFoundationOnSample() throws {
        let ours = try JSONValue.parse(sampleChatRequest)
        let theirs = try JSONSerialization.jsonObject(with: Data(sampleChatRequest)) as! [String: Any]
        XCTAssertEqual(ours["messages"]?.array?.count, (theirs["messages"] as? [Any])?.count)
        XCTAssertEqual(ours["user"]?.string, theirs["user"] as? String)
    }
}
