import Config
import XCTest

/// The first-byte deadline: unset, a stream gets 60 s and a whole answer only its total; set
/// anywhere up the chain (top level, provider, model), it applies to both.
final class UpstreamTimeoutsTests: XCTestCase {
    private let models = """
        providers:
          - name: p
            type: openai
            base_url: http://127.0.0.1:1/v1
            api_keys: [k]
        """

    func testUnsetFirstByteGivesStreamsTheDefaultAndWholeAnswersTheTotal() throws {
        let config = try Fixture.parse(models + "\ntimeouts: {total_ms: 300000}\n")
        let timeouts = try XCTUnwrap(config.providers.first).timeouts
        XCTAssertNil(timeouts.firstByteMs)
        XCTAssertEqual(timeouts.firstByteMs(streaming: true), 60_000)
        XCTAssertEqual(timeouts.firstByteMs(streaming: false), 300_000)
    }

    func testConfiguredFirstByteAppliesToBothAndIsInherited() throws {
        let config = try Fixture.parse(models + "\ntimeouts: {first_byte_ms: 1500}\n")
        let timeouts = try XCTUnwrap(config.providers.first).timeouts
        XCTAssertEqual(timeouts.firstByteMs(streaming: true), 1_500)
        XCTAssertEqual(timeouts.firstByteMs(streaming: false), 1_500)
        XCTAssertEqual(config.timeouts.firstByteMs, 1_500)
    }

    func testAProviderCanSetItWhereTheTopLevelDoesNot() throws {
        let config = try Fixture.parse(models + "\n    timeouts: {first_byte_ms: 20000}\n")
        let timeouts = try XCTUnwrap(config.providers.first).timeouts
        XCTAssertEqual(timeouts.firstByteMs(streaming: false), 20_000)
        XCTAssertNil(config.timeouts.firstByteMs)
    }

    func testAZeroFirstByteIsRefusedWithTheStreamDefaultAsExample() {
        let error = Fixture.error(models + "\ntimeouts: {first_byte_ms: 0}\n")
        XCTAssertEqual(error?.code, .outOfRange)
        XCTAssertTrue(error?.fix.contains("60000") ?? false, "\(String(describing: error))")
    }
}
