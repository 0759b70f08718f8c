// Micro-benchmarks of the per-request and per-chunk hot path (ordo-one/benchmark).
//
//   cd bench && swift package --disable-sandbox benchmark --target Hotpath
//
// Each benchmark runs its operation 1,000 times per sample (`scalingFactor: .kilo`), so the
// figures are per operation.
import Benchmark
import Foundation
import HTTP1
import Wire

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal, .throughput],
        timeUnits: .nanoseconds,
        warmupIterations: 10,
        scalingFactor: .kilo,
        maxDuration: .seconds(3),
        maxIterations: 100_000
    )

    // RequestFields.scan + model splice on a 2 KiB chat request, as `Gateway.prepareChat` does
    // when the upstream model name differs from the requested one.
    Benchmark("RequestFields.scan + setModel splice (2 KiB chat body)") { benchmark in
        let body = Fixtures.chatBody
        for _ in benchmark.scaledIterations {
            let fields = try RequestFields.scan(body)
            var splice = JSONSplice()
            splice.setModel("gpt-4o-mini-2024-07-18", in: fields)
            blackHole(splice.apply(to: body))
        }
    }

    // The scan alone, to separate it from the splice's copy.
    Benchmark("RequestFields.scan only (2 KiB chat body)") { benchmark in
        let body = Fixtures.chatBody
        for _ in benchmark.scaledIterations {
            blackHole(try RequestFields.scan(body))
        }
    }

    // One upstream SSE chunk (one token, as providers send them) through the stream filter.
    Benchmark("OpenAIStreamFilter.feed (one ~230-byte token chunk)") { benchmark in
        var filter = OpenAIStreamFilter(stripUsage: true)
        let chunk = Fixtures.streamChunk
        for _ in benchmark.scaledIterations {
            blackHole(try chunk.withUnsafeBytes { raw in try filter.feed(raw) })
        }
    }

    // A typical 300-byte request (head and small body) through the HTTP/1.1 parser, reusing one
    // parser as a keep-alive connection does.
    Benchmark("RequestParser (300-byte POST, head + body)") { benchmark in
        var parser = RequestParser()
        let request = Fixtures.request300
        for _ in benchmark.scaledIterations {
            request.withUnsafeBytes { parser.feed($0) }
            while let event = parser.next() {
                if case .end = event { break }
                blackHole(event)
            }
        }
    }
}

enum Fixtures {
    /// bench/fixtures/chat-2k.json (2,024 bytes), found from this file's location.
    static let chatBody: [UInt8] = {
        let here = URL(fileURLWithPath: #filePath)
        let path = here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("fixtures/chat-2k.json").path
        guard let data = FileManager.default.contents(atPath: path) else { fatalError("missing \(path)") }
        return Array(data)
    }()

    static let streamChunk: [UInt8] = Array((
        #"data: {"id":"chatcmpl-sim-000000000042","object":"chat.completion.chunk","created":1767225600,"#
            + #""model":"gpt-4o-mini","system_fingerprint":"fp_sim","choices":[{"index":0,"delta":{"content":" workbench"},"#
            + #""logprobs":null,"finish_reason":null}]}"# + "\n\n").utf8)

    static let request300: [UInt8] = {
        let body = #"{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hi"}]}"#
        let head = "POST /v1/chat/completions HTTP/1.1\r\n"
            + "Host: 127.0.0.1:8080\r\n"
            + "User-Agent: OpenAI/Python 1.54.0\r\n"
            + "Accept: application/json\r\n"
            + "Content-Type: application/json\r\n"
            + "Authorization: Bearer sk-bench-0123456789abcdef\r\n"
            + "Connection: keep-alive\r\n"
            + "Content-Length: \(body.utf8.count)\r\n\r\n"
        return Array((head + body).utf8)
    }()
}
