// Micro-benchmarks of the per-request and per-chunk hot path (ordo-one/benchmark).
//
//   cd bench && swift package --disable-sandbox benchmark --target Hotpath
//
// Each benchmark runs its operation 1,000 times per sample (`scalingFactor: .kilo`), so the
// figures are per operation.
import Benchmark
import Foundation
import HTTP1
import Routing
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
    limiterBenchmarks()

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

    // Translation, streaming: one Anthropic upstream delta decoded to canonical events and
    // written as an OpenAI chunk (an OpenAI client on an Anthropic model).
    Benchmark("Translate one streamed chunk, Anthropic → OpenAI (decode + encode)") { benchmark in
        var decoder = AnthropicStreamDecoder()
        var encoder = OpenAIStreamEncoder(created: 1_767_225_600, includeUsage: false)
        blackHole(encoder.encode(try decoder.feed(Fixtures.anthropicStreamStart)))
        let chunk = Fixtures.anthropicDelta
        for _ in benchmark.scaledIterations {
            blackHole(encoder.encode(try decoder.feed(chunk)))
        }
    }

    // Translation, whole answer: a 2 KiB Anthropic message decoded and written as an OpenAI
    // chat.completion.
    Benchmark("Translate a 2 KiB response, Anthropic → OpenAI (decode + encode)") { benchmark in
        let body = Fixtures.anthropicResponse
        for _ in benchmark.scaledIterations {
            let response = try AnthropicResponseDecoder.decode(body)
            blackHole(OpenAIResponseEncoder.encode(response, created: 1_767_225_600))
        }
    }

    // The router's decision: 20 candidates, the learned difficulty model, a 2 KiB prompt's
    // features (extraction measured separately below); `auto` (weighted score) and `savings`
    // (the utility rule: one multiply-add per candidate instead of the normalised score).
    for (name, fixture) in [("", Fixtures.routing), (", utility rule", Fixtures.utilityRouting)] {
        Benchmark("Router decision, 20 candidates, learned model" + name) { benchmark in
            let (router, stats, features) = fixture
            var plan = Plan()
            for _ in benchmark.scaledIterations {
                router.decide(features, stats: stats, now: 1, into: &plan)
                blackHole(plan.order.first)
            }
        }
    }

    Benchmark("Request features, 2 KiB chat body") { benchmark in
        let body = Fixtures.chatBody
        for _ in benchmark.scaledIterations {
            blackHole(try FeatureExtractor.extract(body: body))
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
    static let anthropicStreamStart: [UInt8] = Array((
        "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\","
            + "\"model\":\"claude-haiku-4-5\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,"
            + "\"usage\":{\"input_tokens\":25,\"output_tokens\":1}}}\n\n"
            + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n").utf8)

    static let anthropicDelta: [UInt8] = Array((
        "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
            + "\"delta\":{\"type\":\"text_delta\",\"text\":\" workbench\"}}\n\n").utf8)

    /// An Anthropic message of about 2 KiB of text.
    static let anthropicResponse: [UInt8] = {
        let text = String(repeating: "The switchyard routes each call to the model that fits it. ", count: 33)
        return Array(("{\"id\":\"msg_01\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-haiku-4-5\","
            + "\"content\":[{\"type\":\"text\",\"text\":\"\(text)\"}],\"stop_reason\":\"end_turn\",\"stop_sequence\":null,"
            + "\"usage\":{\"input_tokens\":412,\"output_tokens\":380,\"cache_read_input_tokens\":0,"
            + "\"cache_creation_input_tokens\":0}}").utf8)
    }()

    /// The `auto` preset over 20 catalog models, live statistics seeded from the catalog, and
    /// the features of the 2 KiB chat fixture.
    static let routing = routing(Presets.auto)
    static let utilityRouting = routing(Presets.savings)

    static func routing(_ config: RouterConfig) -> (Router, LiveStats, RequestFeatures) {
        let catalog = Catalog.builtIn
        let ids = ["gpt-5.5", "gpt-5.4", "gpt-5.4-mini", "gpt-5", "gpt-5-mini", "gpt-4.1", "gpt-4.1-mini", "gpt-4o",
                   "gpt-4o-mini", "o4-mini", "claude-opus-4-8", "claude-sonnet-4-5", "claude-haiku-4-5",
                   "gemini-2.5-pro", "gemini-2.5-flash", "gemini-2.5-flash-lite", "deepseek-v3", "llama-3.3-70b",
                   "qwen3-235b-a22b", "mistral-large"]
        let deployables = ids.enumerated().map { Deployable(name: $0.element, deployment: $0.offset) }
        let router = try! Router(config, catalog: catalog, deployables: deployables, predictor: DifficultyModel.builtIn)
        let features = try! FeatureExtractor.extract(body: chatBody)
        return (router, LiveStats(deployables: deployables, catalog: catalog), features)
    }

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
