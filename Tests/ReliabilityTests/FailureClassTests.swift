import XCTest
@testable import Reliability
import Wire

final class FailureClassTests: XCTestCase {
    func testStatusTable() {
        let table: [(Int, ProviderError.Kind?, FailureClass.Action, FailureClass.Blame)] = [
            (429, nil, .retrySame, .key),
            (500, nil, .retrySame, .deployment),
            (502, nil, .retrySame, .deployment),
            (503, nil, .retrySame, .deployment),
            (504, nil, .retrySame, .deployment),
            (529, nil, .retrySame, .deployment),
            (503, .overloaded, .retrySame, .deployment),
            (408, nil, .retrySame, .deployment),
            (401, nil, .retrySame, .key),
            (403, nil, .retrySame, .key),
            (400, nil, .stop, .none),
            (404, nil, .stop, .none),
            (422, nil, .stop, .none),
            (400, .contentPolicy, .stop, .none),
            (400, .invalidRequest, .stop, .none),
            (400, .contextLengthExceeded, .fallbackLargerContext, .none),
            (413, .contextLengthExceeded, .fallbackLargerContext, .none),
        ]
        for (status, kind, action, blame) in table {
            let verdict = FailureClass.classify(status: status, kind: kind)
            XCTAssertEqual(verdict?.action, action, "status \(status) \(String(describing: kind))")
            XCTAssertEqual(verdict?.blame, blame, "status \(status) \(String(describing: kind))")
        }
    }

    func testSuccessIsNoFailure() {
        XCTAssertNil(FailureClass.classify(status: 200))
        XCTAssertNil(FailureClass.classify(status: 204))
        XCTAssertNil(AttemptOutcome.answered(status: 200).failureClass)
    }

    func testKeyActions() {
        XCTAssertEqual(FailureClass.classify(status: 401)?.key, .revoke)
        XCTAssertEqual(FailureClass.classify(status: 403, kind: .permission)?.key, .revoke)
        XCTAssertEqual(FailureClass.classify(status: 429, retryAfterSeconds: 7)?.key, .coolDown(retryAfterMs: 7_000))
        XCTAssertEqual(FailureClass.classify(status: 429)?.key, .coolDown(retryAfterMs: nil))
        XCTAssertEqual(FailureClass.classify(status: 503, retryAfterSeconds: 2)?.key, .keep)
        XCTAssertEqual(FailureClass.classify(status: 503, retryAfterSeconds: 2)?.retryAfterMs, 2_000)
    }

    func testTransportTable() {
        let table: [(TransportFailure, FailureClass.Action)] = [
            (.reset, .retrySame),
            (.connect, .fallback),
            (.connectTimeout, .fallback),
            (.firstByteTimeout, .fallback),
            (.idleTimeout, .fallback),
            (.totalTimeout, .fallback),
            (.other, .fallback),
            (.canceled, .stop),
            (.invalidRequest, .stop),
        ]
        for (failure, action) in table {
            let verdict = FailureClass.classify(failure)
            XCTAssertEqual(verdict.action, action, failure.rawValue)
            XCTAssertEqual(verdict.blame, action == .stop ? .none : .deployment, failure.rawValue)
        }
        XCTAssertEqual(Set(TransportFailure.allCases.map(\.code)).count, TransportFailure.allCases.count)
    }

    func testRawValuesMirrorUpstreamErrorKinds() {
        // HTTP.UpstreamError.Kind's raw values; the gateway converts through them.
        let upstreamKinds = ["connect", "connectTimeout", "firstByteTimeout", "idleTimeout", "totalTimeout",
                             "reset", "canceled", "invalidRequest", "other"]
        XCTAssertEqual(upstreamKinds.compactMap(TransportFailure.init(rawValue:)).count, upstreamKinds.count)
    }

    func testOutcomeCodes() {
        XCTAssertEqual(AttemptOutcome.answered(status: 429).code, "429")
        XCTAssertEqual(AttemptOutcome.failed(.firstByteTimeout).code, "first_byte_timeout")
        XCTAssertEqual(AttemptOutcome.failed(.reset).code, "reset")
    }
}
