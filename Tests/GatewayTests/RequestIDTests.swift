import XCTest
@testable import Gateway

final class RequestIDTests: XCTestCase {
    func testIDsAreThePrefixAndAPaddedHexCounter() {
        for start: UInt64 in [0, 0xffff_fff0, .max - 3] {
            var generator = RequestIDGenerator(counter: start)
            let first = generator.next()
            XCTAssertTrue(first.hasPrefix("req_"), first)
            let prefix = String(first.prefix(20))
            XCTAssertTrue(prefix.dropFirst(4).allSatisfy(\.isHexDigit), prefix)
            var counter = start &+ 1
            XCTAssertEqual(first, prefix + String(counter, radix: 16).leftPadded(to: 8))
            for _ in 0..<2 {
                counter &+= 1
                XCTAssertEqual(generator.next(), prefix + String(counter, radix: 16).leftPadded(to: 8))
            }
        }
    }
}
