import Foundation
import XCTest
import Wire

/// Seeded random documents and mutations of them: the scanner, the DOM parser, the request scanner
/// and the SSE reader must never crash or hang, and must agree with each other and with Foundation.
final class GeneratedInputTests: XCTestCase {
    private static let caseCount = 50_000

    func testScannerAgreesWithFoundationOnGeneratedInput() throws {
        var rng = SeededGenerator(seed: 0x5EED_CAFE)
        var accepted = 0
        var compared = 0
        var quirks = 0
        var disagreements: [String] = []
        for _ in 0 ..< Self.caseCount {
            var doc = JSONGenerator.document(&rng)
            if Bool.random(using: &rng) || Int.random(in: 0 ..< 4, using: &rng) == 0 {
                JSONGenerator.mutate(&doc, &rng)
            }
            let ours = validationError(doc)
            if ours == nil { accepted += 1 }
            // `validate` takes the container fast path; the token walk must agree to the error.
            XCTAssertEqual(ours, walkError(doc), String(decoding: doc, as: UTF8.self))
            // The DOM parser and the request scanner share the scanner's verdict.
            let parsed = try? JSONValue.parse(doc)
            XCTAssertEqual(parsed != nil, ours == nil, String(decoding: doc, as: UTF8.self))
            // The request scanner skips containers on its fast path; it must fail exactly as the
            // token walk does (apart from its own object-only and duplicate-key rules).
            do {
                let fields = try RequestFields.scan(doc)
                XCTAssertNil(ours)
                XCTAssertEqual(doc[fields.closingBrace], UInt8(ascii: "}"))
            } catch where error.code != .notAnObject && error.code != .duplicateKey {
                XCTAssertEqual(error, ours, String(decoding: doc, as: UTF8.self))
            } catch {}
            guard Self.foundationComparable(doc) else { continue }
            compared += 1
            let theirs = (try? JSONSerialization.jsonObject(with: Data(doc), options: .fragmentsAllowed)) != nil
            if theirs != (ours == nil) && Self.isFoundationQuirk(doc, ours) {
                quirks += 1
            } else if theirs != (ours == nil) && disagreements.count < 10 {
                disagreements.append("ours: \(ours.map(\.description) ?? "valid"), Foundation: \(theirs) — "
                    + String(decoding: doc, as: UTF8.self).debugDescription)
            }
        }
        XCTAssertEqual(disagreements, [])
        // The mix must exercise both verdicts substantially.
        XCTAssertGreaterThan(accepted, Self.caseCount / 3)
        XCTAssertLessThan(accepted, Self.caseCount * 9 / 10)
        XCTAssertGreaterThan(compared, Self.caseCount * 9 / 10)
        XCTAssertLessThan(quirks, Self.caseCount / 20)
    }

    func testSSEReaderSurvivesGeneratedStreams() throws {
        var rng = SeededGenerator(seed: 0x55E)
        let alphabet = bytes("data: event:id:retry:\r\n\n\n :x[DONE]{}é") + [0x00, 0xEF, 0xBB, 0xBF, 0xFF]
        for _ in 0 ..< 5_000 {
            let length = Int.random(in: 0 ..< 120, using: &rng)
            let stream = (0 ..< length).map { _ in alphabet.randomElement(using: &rng)! }
            var whole = SSEReader(reportsEmptyBlocks: true)
            let expected = try whole.feed(stream)
            var reader = SSEReader(reportsEmptyBlocks: true)
            var events: [SSEEvent] = []
            var offset = 0
            while offset < stream.count {
                let end = min(stream.count, offset + Int.random(in: 1 ... 9, using: &rng))
                events += try reader.feed(Array(stream[offset ..< end]))
                offset = end
            }
            XCTAssertEqual(events.map(\.data), expected.map(\.data))
            XCTAssertEqual(events.map(\.name), expected.map(\.name))
            XCTAssertEqual(events.flatMap(\.raw) + reader.finish(), stream)
        }
    }

    /// Where Foundation departs from RFC 8259 or reads bytes as another encoding, skip the comparison.
    private static func foundationComparable(_ doc: [UInt8]) -> Bool {
        // Foundation sniffs UTF-16/32 from NUL bytes and BOMs at the start.
        if doc.prefix(4).contains(0) || doc.starts(with: [0xEF, 0xBB, 0xBF])
            || doc.starts(with: [0xFE, 0xFF]) || doc.starts(with: [0xFF, 0xFE]) {
            return false
        }
        return true
    }

    /// Disagreements explained by Foundation departing from RFC 8259: it rejects `\u` escapes of
    /// lone surrogates (the RFC's grammar allows them), rejects numbers beyond `Double`'s range
    /// (RFC 8259 §6 lets implementations limit range), and accepts a trailing comma before `}`/`]`.
    private static func isFoundationQuirk(_ doc: [UInt8], _ ours: JSONError?) -> Bool {
        guard let ours else {
            return hasLoneSurrogateEscape(doc) || (try? JSONValue.parse(doc)).map(hasInfiniteNumber) == true
        }
        guard ours.code == .unexpectedByte, ours.offset < doc.count,
              doc[ours.offset] == UInt8(ascii: "}") || doc[ours.offset] == UInt8(ascii: "]") else { return false }
        let before = doc[..<ours.offset].last { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
        return before == UInt8(ascii: ",")
    }

    /// Whether a valid document has a `\uD800`–`\uDFFF` escape that is not half of a pair.
    private static func hasLoneSurrogateEscape(_ doc: [UInt8]) -> Bool {
        var i = 0
        var pendingHigh = false
        func hex(at j: Int) -> Int? {
            guard j + 4 <= doc.count else { return nil }
            return Int(String(decoding: doc[j ..< j + 4], as: UTF8.self), radix: 16)
        }
        while i < doc.count {
            if doc[i] == UInt8(ascii: "\\"), i + 1 < doc.count {
                if doc[i + 1] == UInt8(ascii: "u"), let v = hex(at: i + 2) {
                    if pendingHigh && !(0xDC00 ... 0xDFFF).contains(v) { return true }
                    if !pendingHigh && (0xDC00 ... 0xDFFF).contains(v) { return true }
                    pendingHigh = !pendingHigh && (0xD800 ... 0xDBFF).contains(v)
                    i += 6
                    continue
                }
                if pendingHigh { return true }
                i += 2
                continue
            }
            if pendingHigh { return true }
            i += 1
        }
        return pendingHigh
    }

    private static func hasInfiniteNumber(_ value: JSONValue) -> Bool {
        switch value {
        case .number(let n): !n.double.isFinite
        case .array(let elements): elements.contains(where: hasInfiniteNumber)
        case .object(let object): object.members.contains { hasInfiniteNumber($0.value) }
        default: false
        }
    }
}
