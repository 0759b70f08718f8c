import XCTest
@testable import HTTP1

final class HeadersTests: XCTestCase {
    func testOrderAndCaseInsensitiveLookup() {
        var headers: Headers = ["Content-Type": "application/json", "X-A": "1"]
        headers.append(name: "x-a", value: "2")
        XCTAssertEqual(headers.count, 3)
        XCTAssertEqual(headers.map(\.name), ["Content-Type", "X-A", "x-a"])
        XCTAssertEqual(headers["CONTENT-TYPE"], "application/json")
        XCTAssertEqual(headers.values(name: "X-a"), ["1", "2"])
        XCTAssertEqual(headers.firstIndex(name: "x-A"), 1)
        XCTAssertNil(headers["content-length"])
        XCTAssertFalse(headers.contains(name: "x-"))
        XCTAssertEqual(Array(headers.valueBytes(at: 0)), Array("application/json".utf8))
    }

    func testFoldingIsASCIIOnly() {
        let headers: Headers = ["K": "v"]
        XCTAssertNil(headers["\u{212A}"])  // KELVIN SIGN is not "k"
        XCTAssertEqual(headers["k"], "v")
    }

    func testRemoveAndReplace() {
        var headers: Headers = ["A": "1", "B": "2", "a": "3", "C": "4"]
        headers.remove(name: "A")
        XCTAssertEqual(headers.map(\.name), ["B", "C"])
        XCTAssertEqual(headers["c"], "4")
        headers.replaceOrAppend(name: "b", value: "new")
        XCTAssertEqual(headers.map(\.name), ["C", "b"])
        XCTAssertEqual(headers["B"], "new")
        headers.remove(name: "missing")
        XCTAssertEqual(headers.count, 2)
    }

    func testEquality() {
        let a: Headers = ["A": "1", "B": "2"]
        var b = Headers()
        b.append(name: "X", value: "y")
        b.remove(name: "x")
        b.append(name: "A", value: "1")
        b.append(name: "B", value: "2")
        XCTAssertEqual(a, b)
        XCTAssertNotEqual(a, ["A": "1", "B": "3"] as Headers)
        XCTAssertNotEqual(a, ["A": "1"] as Headers)
        XCTAssertNotEqual(["AB": "1"] as Headers, ["A": "B1"] as Headers)
    }

    func testEmpty() {
        let headers = Headers()
        XCTAssertTrue(headers.isEmpty)
        XCTAssertNil(headers["a"])
        XCTAssertEqual(headers.description, "")
    }
}
