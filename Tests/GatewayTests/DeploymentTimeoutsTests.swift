import Config
import Wire
import XCTest
@testable import Gateway

/// The deadlines an upstream request carries: a whole answer is not held to a stream's first-byte default.
final class DeploymentTimeoutsTests: XCTestCase {
    private func deployment(_ timeouts: UpstreamTimeouts) -> Deployment {
        let provider = ProviderConfig(name: "p", type: .openAICompatible, baseURL: "http://127.0.0.1:1", apiKeys: ["k"],
                                      timeouts: timeouts)
        return Deployment(model: ModelConfig(name: "m", provider: "p"), provider: provider)
    }

    func testWholeAnswersWaitForTheTotalUnlessFirstByteIsConfigured() {
        let unset = deployment(.default)
        XCTAssertEqual(unset.timeouts(streaming: true).firstByteMs, 60_000)
        XCTAssertEqual(unset.timeouts(streaming: false).firstByteMs, 600_000)
        XCTAssertEqual(unset.timeouts(streaming: false).totalMs, 600_000)
        var configured = UpstreamTimeouts.default
        configured.firstByteMs = 2_000
        XCTAssertEqual(deployment(configured).timeouts(streaming: false).firstByteMs, 2_000)
        XCTAssertEqual(deployment(configured).timeouts(streaming: true).firstByteMs, 2_000)
    }

    func testTheChatRequestTakesTheDeadlinesOfItsShape() throws {
        for stream in [false, true] {
            let body = Array(#"{"model":"m","stream":\#(stream),"messages":[{"role":"user","content":"hi"}]}"#.utf8)
            let call = InboundCall(dialect: .openAI, body: body, fields: try RequestFields.scan(body), model: "m",
                                   stream: stream, clientWantsUsage: false)
            let request = try ProviderAdapter.chatRequest(call, to: deployment(.default))
            XCTAssertEqual(request.timeouts.firstByteMs, stream ? 60_000 : 600_000, "stream: \(stream)")
        }
    }
}
