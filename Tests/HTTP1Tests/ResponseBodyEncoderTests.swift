import XCTest
@testable import HTTP1

final class ResponseBodyEncoderTests: XCTestCase {
    func testFramings() {
        var out: [UInt8] = []
        var chunked = ResponseBodyEncoder(framing: .chunked)
        chunked.encode(bytes("ab"), into: &out)
        chunked.finish(into: &out)
        XCTAssertEqual(out, bytes("2\r\nab\r\n0\r\n\r\n"))

        out = []
        var raw = ResponseBodyEncoder(framing: .closeDelimited)
        raw.encode(bytes("ab"), into: &out)
        raw.finish(into: &out)
        XCTAssertEqual(out, bytes("ab"))
        XCTAssertTrue(raw.closesConnection)
    }

    func testContentLengthOverrunIsDropped() {
        var out: [UInt8] = []
        var encoder = ResponseBodyEncoder(framing: .contentLength(3))
        encoder.encode(bytes("ab"), into: &out)
        XCTAssertEqual(encoder.remaining, 1)
        XCTAssertFalse(encoder.hasOverrun)
        encoder.encode(bytes("cd"), into: &out)
        XCTAssertEqual(out, bytes("abc"))
        XCTAssertEqual(encoder.remaining, 0)
        XCTAssertTrue(encoder.hasOverrun)

        var none = ResponseBodyEncoder(framing: .noBody)
        none.encode(bytes("x"), into: &out)
        XCTAssertTrue(none.hasOverrun)
        XCTAssertEqual(out, bytes("abc"))
    }
}
