import Foundation
import XCTest
import Wire

/// Rough per-call timings of the hot-path entry points; meaningful in release builds
/// (`swift test -c release --filter WireTimingTests`). Asserts only a generous ceiling.
final class WireTimingTests: XCTestCase {
    private func microseconds(iterations: Int, _ body: () throws -> Void) rethrows -> Double {
        let start = ContinuousClock.now
        for _ in 0 ..< iterations { try body() }
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return seconds / Double(iterations) * 1e6
    }

    func testScanAndSpliceChatRequest() throws {
        let body = sampleChatRequest
        var sink = 0
        let scan = try microseconds(iterations: 20_000) {
            sink &+= try RequestFields.scan(body).closingBrace
        }
        let scanAndSplice = try microseconds(iterations: 20_000) {
            let fields = try RequestFields.scan(body)
            var splice = JSONSplice()
            splice.setModel("gpt-4o-mini-2024-07-18", in: fields)
            splice.requestUsage(in: fields)
            sink &+= splice.apply(to: body).count
        }
        let foundation = try microseconds(iterations: 500) {
            sink &+= (try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any])?.count ?? 0
        }
        print(String(format: "Wire timing, %d-byte request: scan %.2f µs, scan+splice %.2f µs, JSONSerialization %.1f µs",
                     body.count, scan, scanAndSplice, foundation))
        XCTAssertGreaterThan(sink, 0)
        XCTAssertLessThan(scanAndSplice, 200)
    }

    func testStreamChunkSummary() throws {
        let chunk = bytes(#"{"id":"chatcmpl-s","object":"chat.completion.chunk","created":1741000001,"model":"gpt-4o-mini","system_fingerprint":"fp_1","choices":[{"index":0,"delta":{"content":"Hello there"},"logprobs":null,"finish_reason":null}],"usage":null}"#)
        var stream: [UInt8] = []
        SSEWriter.appendEvent(data: chunk, to: &stream)
        var sink = 0
        let perChunk = try microseconds(iterations: 20_000) {
            var reader = SSEReader()
            for event in try reader.feed(stream) {
                sink &+= try OpenAIResponseSummary.scan(event.data).choiceCount ?? 0
            }
        }
        print(String(format: "Wire timing: SSE feed + chunk summary %.2f µs per %d-byte event", perChunk, stream.count))
        XCTAssertGreaterThan(sink, 0)
        XCTAssertLessThan(perChunk, 200)
    }
}
