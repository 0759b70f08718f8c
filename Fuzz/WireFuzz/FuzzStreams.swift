/// Upstream SSE streams: each upstream dialect's stream decoder fed the input whole and split,
/// the client stream encoders driven by what it decoded as `StreamRelay` drives them, and the
/// OpenAI pass-through filter.
enum FuzzStreams {
    /// The dialect the upstream streams in, which picks the decoder.
    enum Upstream: CaseIterable { case openAI, anthropic, gemini, responses }

    /// A decoder's events per read, `finish()` last, as the relay hands them to an encoder.
    struct Decoded {
        var batches: [[StreamEvent]] = []
        /// Anthropic's decoder threw in some read (the relay turns that into an error event).
        var threw = false

        var events: [StreamEvent] { batches.flatMap { $0 } }
    }

    static func check(_ input: [UInt8], rng: inout FuzzRandom) {
        let cuts = rng.cuts(input.count)
        // The Responses encoder repeats the whole response in its lifecycle events and costs as
        // much as the other checks of an input together, so it takes one upstream per input.
        let responsesUpstream = rng.pick(Upstream.allCases)
        for upstream in Upstream.allCases {
            let whole = decode(upstream, pieces(input, []))
            let split = decode(upstream, pieces(input, cuts))
            if upstream == .anthropic && (whole.threw || split.threw) {
                // A throw loses the rest of its read, so only the throw itself must agree.
                precondition(whole.threw && split.threw, "a split changed whether the Anthropic stream fails")
            } else {
                precondition(whole.events == split.events, "a split changed the \(upstream) stream events")
            }
            checkOpenAIClient(split.batches, includeUsage: rng.bool(), id: rng.pick([nil, "chatcmpl-gw"]))
            checkAnthropicClient(split.batches, sendsPing: rng.bool())
            if upstream == responsesUpstream { checkResponsesClient(split.batches) }
        }
        singleEvent(input)
        let stripUsage = rng.bool()
        precondition(filter(input, cuts: [], stripUsage: stripUsage) == filter(input, cuts: cuts, stripUsage: stripUsage),
                     "a split changed what the OpenAI filter relays")
    }

    static func decode(_ upstream: Upstream, _ reads: [[UInt8]]) -> Decoded {
        var result = Decoded()
        switch upstream {
        case .openAI:
            var decoder = OpenAIStreamDecoder()
            for read in reads { result.batches.append(decoder.feed(read)) }
            result.batches.append(decoder.finish())
        case .anthropic:
            var decoder = AnthropicStreamDecoder()
            for read in reads {
                do {
                    result.batches.append(try decoder.feed(read))
                } catch {
                    result.threw = true
                    result.batches.append([.error(ProviderError(kind: .server, status: 502, message: error.message))])
                }
            }
            if !decoder.isFinished {
                result.batches.append([.error(ProviderError(kind: .server, status: 502, message: "cut short"))])
            }
        case .gemini:
            var decoder = GeminiStreamDecoder(requestedModel: "gemini-2.5-flash")
            for read in reads { result.batches.append(decoder.feed(read)) }
            result.batches.append(decoder.finish())
        case .responses:
            var decoder = ResponsesStreamDecoder()
            for read in reads { result.batches.append(decoder.feed(read)) }
            result.batches.append(decoder.finish())
        }
        return result
    }

    /// Every event an OpenAI client gets is a JSON chunk, and the stream ends with one
    /// `[DONE]`, or with the error chunk that ended it early.
    static func checkOpenAIClient(_ batches: [[StreamEvent]], includeUsage: Bool, id: String?) {
        var encoder = OpenAIStreamEncoder(created: 1_700_000_000, includeUsage: includeUsage, id: id)
        var stream: [UInt8] = []
        for batch in batches { stream += encoder.encode(batch) }
        stream += encoder.finish()
        let events = FuzzCheck.events(of: stream, "OpenAIStreamEncoder")
        for (index, event) in events.enumerated() {
            if event.isDone {
                precondition(index == events.count - 1, "OpenAI client stream goes on after [DONE]")
            } else {
                FuzzCheck.requireJSON(event.data, "OpenAIStreamEncoder")
            }
        }
        guard let last = events.last, !last.isDone else { return }
        precondition(FuzzCheck.members(of: last.data, "OpenAIStreamEncoder")?["error"] != nil,
                     "OpenAI client stream ends without [DONE] or an error")
    }

    /// Every event an Anthropic client gets is named, its data a JSON object of that `type`,
    /// and the stream ends with `message_stop` or `error`.
    static func checkAnthropicClient(_ batches: [[StreamEvent]], sendsPing: Bool) {
        var encoder = AnthropicStreamEncoder(model: "claude-sonnet-4-5", sendsPing: sendsPing)
        var stream: [UInt8] = []
        for batch in batches { stream += encoder.encode(batch) }
        stream += encoder.finish()
        let events = FuzzCheck.events(of: stream, "AnthropicStreamEncoder")
        for event in events {
            guard let members = FuzzCheck.members(of: event.data, "AnthropicStreamEncoder") else { continue }
            precondition(event.name.map(FuzzCheck.Member.string) == members["type"], "Anthropic event \(event.name ?? "-") has another type")
        }
        precondition(["message_stop", "error"].contains(events.last?.name), "Anthropic client stream ends with \(events.last?.name ?? "nothing")")
    }

    /// Every event a Responses API client gets is named, its data a JSON object of that `type`
    /// numbered by `sequence_number` from 0, and the last one, only, is the terminal event.
    static func checkResponsesClient(_ batches: [[StreamEvent]]) {
        var encoder = ResponsesStreamEncoder(request: FuzzResponses.responsesRequest, created: 1_700_000_000)
        var stream: [UInt8] = []
        for batch in batches { stream += encoder.encode(batch) }
        stream += encoder.finish()
        let events = FuzzCheck.events(of: stream, "ResponsesStreamEncoder")
        let terminal: [String?] = ["response.completed", "response.incomplete", "response.failed"]
        for (index, event) in events.enumerated() {
            precondition(terminal.contains(event.name) == (index == events.count - 1), "Responses terminal event not last, or missing")
            guard let members = FuzzCheck.members(of: event.data, "ResponsesStreamEncoder") else { continue }
            precondition(event.name.map(FuzzCheck.Member.string) == members["type"], "Responses event \(event.name ?? "-") has another type")
            precondition(members["sequence_number"] == .int(index), "Responses event \(index) is misnumbered")
        }
        precondition(!events.isEmpty, "Responses client stream is empty")
    }

    /// The input as one event's data: a JSON document reaches the chunk readers without SSE
    /// framing, which whole-body corpus entries rarely carry.
    static func singleEvent(_ input: [UInt8]) {
        var anthropic = AnthropicStreamDecoder()
        var events: [StreamEvent] = []
        try? anthropic.decode(SSEEvent(data: input[...]), into: &events)
        var gemini = GeminiStreamDecoder(requestedModel: "gemini-2.5-flash")
        gemini.decode(input[...], into: &events)
        events += gemini.finish()
        _ = input.withUnsafeBytes { raw in try? OpenAIStreamDecoder.Chunk.scan(raw, wantsIdentity: true) }
    }

    /// What the filter relayed, as the client reads it, and what it noted for one stream.
    /// Read, not compared byte for byte: a dropped block that ended in CR takes the LF after
    /// it along or not depending on the reads (see `SSEReader`), which no client can tell.
    struct Filtered: Equatable {
        var out: [FuzzSSE.Parsed] = []
        var usage: Usage?
        var finishReason: String?
        var model: String?
        var sawDone = false
        var events = 0
        var sawError = false
        var sawMalformed = false
    }

    static func filter(_ input: [UInt8], cuts: [Int], stripUsage: Bool) -> Filtered {
        var filter = OpenAIStreamFilter(stripUsage: stripUsage)
        var result = Filtered()
        var out: [UInt8] = []
        for read in pieces(input, cuts) {
            do {
                out += try filter.feed(read)
            } catch {
                preconditionFailure("the filter refused a small stream: \(error)")
            }
        }
        out += filter.finish()
        result.out = FuzzSSE.run(out, cuts: [], reportsEmptyBlocks: false).parsed
        result.usage = filter.usage
        result.finishReason = filter.finishReason
        result.model = filter.model
        result.sawDone = filter.sawDone
        result.events = filter.events
        result.sawError = filter.sawError
        result.sawMalformed = filter.sawMalformed
        return result
    }
}
