import Foundation
import XCTest
import Wire

final class JSONWriterTests: XCTestCase {
    func testNestedStructureAndCommas() {
        var w = JSONWriter()
        w.beginObject()
        w.member("id", "chatcmpl-1")
        w.key("choices")
        w.beginArray()
        w.beginObject()
        w.member("index", 0)
        w.key("delta")
        w.beginObject()
        w.endObject()
        w.key("finish_reason")
        w.null()
        w.endObject()
        w.int(-7)
        w.bool(false)
        w.beginArray()
        w.endArray()
        w.endArray()
        w.member("ok", true)
        w.key("t")
        w.double(0.25)
        w.key("raw")
        w.raw(bytes(#"{"a":[1]}"#))
        w.endObject()
        XCTAssertEqual(
            String(decoding: w.bytes, as: UTF8.self),
            #"{"id":"chatcmpl-1","choices":[{"index":0,"delta":{},"finish_reason":null},-7,false,[]],"ok":true,"t":0.25,"raw":{"a":[1]}}"#
        )
        XCTAssertNil(validationError(w.bytes))
    }

    func testStringEscaping() throws {
        let text = "q\"b\\s/ \u{0}\u{1}\u{8}\u{9}\u{A}\u{C}\u{D}\u{1F}\u{7F} é ☕ 👋 \u{2028}"
        var w = JSONWriter()
        w.string(text)
        let encoded = String(decoding: w.bytes, as: UTF8.self)
        XCTAssertEqual(encoded, "\"q\\\"b\\\\s/ \\u0000\\u0001\\b\\t\\n\\f\\r\\u001f\u{7F} é ☕ 👋 \u{2028}\"")
        // Foundation reads back the same string.
        let decoded = try JSONSerialization.jsonObject(with: Data(w.bytes), options: .fragmentsAllowed) as? String
        XCTAssertEqual(decoded, text)
        XCTAssertEqual(try JSONValue.parse(w.bytes).string, text)
    }

    func testNumbers() {
        var out: [UInt8] = []
        for v in [0, 7, -1, 10, 1234567890, Int.max, Int.min] {
            out.removeAll()
            JSONWriter.appendInt(v, to: &out)
            XCTAssertEqual(String(decoding: out, as: UTF8.self), String(v))
        }
        var w = JSONWriter()
        w.beginArray()
        for d in [1.0, -0.5, 1e-7, 1e21, 0.1 + 0.2, .infinity, .nan] { w.double(d) }
        w.endArray()
        XCTAssertEqual(String(decoding: w.bytes, as: UTF8.self), "[1.0,-0.5,1e-07,1e+21,0.30000000000000004,null,null]")
        let parsed = try? JSONValue.parse(w.bytes)
        XCTAssertEqual(parsed?[4]?.double, 0.1 + 0.2)
    }

    func testVerbatimKeysMatchEscapedKeys() {
        var verbatim = JSONWriter()
        var escaped = JSONWriter()
        verbatim.beginObject(); escaped.beginObject()
        verbatim.key(verbatim: "a"); verbatim.int(1); verbatim.key(verbatim: "latency_ms"); verbatim.null()
        escaped.key("a"); escaped.int(1); escaped.key("latency_ms"); escaped.null()
        verbatim.endObject(); escaped.endObject()
        XCTAssertEqual(verbatim.bytes, escaped.bytes)
    }

    func testHundredthsReadAsDoubleDescription() {
        var samples = Array(0 ..< 20_000)
        var generator = SystemRandomNumberGenerator()
        for _ in 0 ..< 20_000 { samples.append(Int.random(in: 0 ..< 100_000_000_000_000, using: &generator)) }
        samples += [99_999_999_999_999, 100_000_000_000_000, 123_456_789_012_345_678, -5]
        for value in samples {
            var fixed = JSONWriter()
            var double = JSONWriter()
            fixed.hundredths(value)
            double.double(Double(value) / 100)
            XCTAssertEqual(String(decoding: fixed.bytes, as: UTF8.self), String(decoding: double.bytes, as: UTF8.self))
        }
    }
}
