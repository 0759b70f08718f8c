import XCTest
@testable import Gateway

/// Reading the caller's key from `Authorization: Bearer <key>`.
final class PresentedKeyTests: XCTestCase {
    private func token(_ text: String) -> String? {
        Accounting.bearerToken(ArraySlice(text.utf8))
    }

    func testBearerSchemeInAnyCase() {
        XCTAssertEqual(token("Bearer sy-abc"), "sy-abc")
        XCTAssertEqual(token("bearer sy-abc"), "sy-abc")
        XCTAssertEqual(token("BEARER\tsy-abc"), "sy-abc")
        XCTAssertEqual(token("Bearer   sy-abc  "), "sy-abc", "extra blanks around the token")
    }

    func testOtherShapesAreRefused() {
        for bad in ["", "Bearer", "Bearer ", "Bearersy-abc", "Basic dXNlcjpwYXNz", "Bearer a b", "Token sy-abc", "Bear sy-abc"] {
            XCTAssertNil(token(bad), bad)
        }
    }
}
