import XCTest
@testable import Sim
import HTTP1
import Wire

final class FaultAndErrorTests: XCTestCase {
    func testFaultSelectionRepeatsForASeed() {
        func run(seed: UInt64) -> [Int?] {
            var faults = FaultInjector(rate: 0.3, status: 503, seed: seed)
            return (0..<200).map { _ in faults.nextFailure() }
        }
        let first = run(seed: 42)
        XCTAssertEqual(first, run(seed: 42))
        XCTAssertNotEqual(first, run(seed: 43))
        let failures = first.compactMap { $0 }
        XCTAssertTrue(failures.allSatisfy { $0 == 503 })
        XCTAssertTrue((40...80).contains(failures.count), "about 30% of 200, got \(failures.count)")
    }

    func testRateZeroNeverFailsAndOneAlwaysFails() {
        var never = FaultInjector(rate: 0, status: 500, seed: 1)
        var always = FaultInjector(rate: 1, status: 429, seed: 1)
        for _ in 0..<100 {
            XCTAssertNil(never.nextFailure())
            XCTAssertEqual(always.nextFailure(), 429)
        }
    }

    func testOptionsClampTheRate() {
        XCTAssertEqual(SimOptions(failRate: 3).failRate, 1)
        XCTAssertEqual(SimOptions(failRate: -1).failRate, 0)
        XCTAssertEqual(SimOptions(failRate: .nan).failRate, 0)
    }

    func testErrorObjectPerStatus() throws {
        let expected: [(Int, String, String?)] = [
            (400, "invalid_request_error", nil),
            (401, "invalid_request_error", "invalid_api_key"),
            (429, "rate_limit_error", "rate_limit_exceeded"),
            (500, "server_error", nil),
            (502, "server_error", nil),
            (503, "api_error", nil),
            (529, "api_error", nil),
        ]
        for (status, type, code) in expected {
            let response = OpenAIDialect.errorResponse(.injected(status: status, retryAfter: nil))
            XCTAssertEqual(response.status.code, status)
            XCTAssertEqual(response.headers["content-type"], "application/json")
            let object = try json(String(decoding: response.body, as: UTF8.self))
            XCTAssertEqual(object.object?.keys, ["error"])
            XCTAssertEqual(object["error"]?.object?.keys, ["message", "type", "param", "code"])
            XCTAssertEqual(object["error"]?["type"]?.string, type, "status \(status)")
            XCTAssertEqual(object["error"]?["code"], code.map { .string($0) } ?? .null, "status \(status)")
            XCTAssertFalse(object["error"]?["message"]?.string?.isEmpty ?? true)
        }
    }

    func testRetryAfterAndAllowHeaders() {
        let limited = OpenAIDialect.errorResponse(.injected(status: 429, retryAfter: 7))
        XCTAssertEqual(limited.headers["retry-after"], "7")
        XCTAssertNil(OpenAIDialect.errorResponse(.injected(status: 500, retryAfter: nil)).headers["retry-after"])
        let method = OpenAIDialect.errorResponse(OpenAIDialect.methodNotAllowed(method: "GET",
                                                                                 path: "/v1/chat/completions",
                                                                                 allow: "POST"))
        XCTAssertEqual(method.status.code, 405)
        XCTAssertEqual(method.headers["allow"], "POST")
    }

    func testBadRequestErrorCarriesParamAndCode() throws {
        let response = OpenAIDialect.errorResponse(try XCTUnwrap(decodeError(#"{"model":"m"}"#)))
        let object = try json(String(decoding: response.body, as: UTF8.self))
        XCTAssertEqual(response.status.code, 400)
        XCTAssertEqual(object["error"]?["param"], "messages")
        XCTAssertEqual(object["error"]?["code"], "missing_required_parameter")
        XCTAssertEqual(object["error"]?["type"], "invalid_request_error")
    }

    func testUnknownPathIsOpenAIsInvalidURL() throws {
        let response = OpenAIDialect.errorResponse(OpenAIDialect.unknownPath(method: "POST", path: "/v1/nope"))
        let object = try json(String(decoding: response.body, as: UTF8.self))
        XCTAssertEqual(response.status.code, 404)
        XCTAssertEqual(object["error"]?["message"], "Invalid URL (POST /v1/nope)")
        XCTAssertEqual(object["error"]?["type"], "invalid_request_error")
    }

    func testStatsEncodeSnakeCaseCounters() throws {
        var stats = SimStats()
        stats.requests = 3
        stats.streamsCancelled = 1
        let object = try json(String(decoding: stats.encoded(), as: UTF8.self))
        XCTAssertEqual(object, ["requests": 3, "streams_started": 0, "streams_completed": 0, "streams_cancelled": 1,
                                "active_streams": 0, "failures_injected": 0, "streams_reset": 0, "resets_injected": 0,
                                "stalls_injected": 0, "malformed_injected": 0])
    }
}
