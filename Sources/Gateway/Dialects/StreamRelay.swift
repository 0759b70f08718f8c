import Wire

/// Turns an upstream SSE stream into the client's, piece by piece, noting usage and the stop
/// reason for accounting.
///
/// Same dialect: bytes pass through (OpenAI's gateway-requested usage chunk is stripped).
/// Different dialects: the upstream decoder yields canonical events, the client encoder writes them.
struct StreamRelay {
    private enum Decoder {
        case openAI(OpenAIStreamDecoder)
        case anthropic(AnthropicStreamDecoder)
        case gemini(GeminiStreamDecoder)
        case responses(ResponsesStreamDecoder)
    }

    private enum Encoder {
        case openAI(OpenAIStreamEncoder)
        case anthropic(AnthropicStreamEncoder)
        /// Boxed: the Responses encoder keeps the whole response it builds (over 400 bytes),
        /// and inline it would size every relay's `Mode`, so every open stream, by it.
        case responses(ResponsesEncoderBox)
    }

    private enum Mode {
        /// OpenAI to OpenAI: the filter lives in `passFilter`, where it is changed in place.
        case openAIPass
        /// Anthropic to Anthropic: forwarded verbatim, decoded on the side for usage.
        case anthropicPass(AnthropicStreamDecoder)
        case translate(Decoder, Encoder)
        /// Only while `feed` or `finish` holds the payload. A payload bound from `mode` while
        /// `mode` still holds it shares its buffers, so every mutation copied them
        /// (copy-on-write) on every chunk; taken out first, it has one owner.
        case taken
    }

    private var mode: Mode
    /// The OpenAI pass-through's filter, kept out of `mode`: taking a payload out of an enum and
    /// putting it back costs a few hundred instructions per chunk; an optional is changed in place.
    private var passFilter: OpenAIStreamFilter?
    private(set) var usage: Usage?
    private(set) var stopReason: StopReason?
    /// The upstream reported an error inside the stream.
    private(set) var sawError = false
    /// The upstream sent bytes its dialect cannot parse; the stream must end with an error.
    private(set) var isBroken = false

    /// The answer's final event has been relayed: the client has everything, whatever the
    /// upstream connection does next.
    var isComplete: Bool {
        switch mode {
        case .openAIPass: passFilter?.sawDone ?? false
        case .anthropicPass(let decoder): decoder.isFinished
        case .translate(let decoder, _):
            switch decoder {
            case .openAI(let d): d.isFinished
            case .anthropic(let d): d.isFinished
            case .gemini(let d): d.isComplete
            case .responses(let d): d.isFinished
            }
        case .taken: false
        }
    }

    private mutating func takeMode() -> Mode {
        var current = Mode.taken
        swap(&current, &mode)
        return current
    }

    /// - Parameter responses: the decoded request of a Responses API call, whose answer is
    ///   always translated (Responses events from whatever the upstream speaks).
    init(inbound: Dialect, upstream: Dialect, clientWantsUsage: Bool, requestedModel: String, created: Int,
         responses: ChatRequest? = nil) {
        if let responses {
            mode = .translate(Self.decoder(for: upstream, requestedModel: requestedModel),
                              .responses(ResponsesEncoderBox(ResponsesStreamEncoder(request: responses, created: created))))
            return
        }
        switch (inbound, upstream) {
        case (.openAI, .openAI):
            mode = .openAIPass
            passFilter = OpenAIStreamFilter(stripUsage: !clientWantsUsage)
        case (.anthropic, .anthropic):
            mode = .anthropicPass(AnthropicStreamDecoder())
        default:
            let encoder: Encoder = inbound == .anthropic
                ? .anthropic(AnthropicStreamEncoder(model: requestedModel))
                : .openAI(OpenAIStreamEncoder(created: created, includeUsage: clientWantsUsage))
            mode = .translate(Self.decoder(for: upstream, requestedModel: requestedModel), encoder)
        }
    }

    private static func decoder(for upstream: Dialect, requestedModel: String) -> Decoder {
        switch upstream {
        case .openAI: .openAI(OpenAIStreamDecoder())
        case .anthropic: .anthropic(AnthropicStreamDecoder())
        case .gemini: .gemini(GeminiStreamDecoder(requestedModel: requestedModel))
        case .openAIResponses: .responses(ResponsesStreamDecoder())
        }
    }

    /// Consumes upstream bytes; returns what to send to the client now.
    // Not inlined: its temporaries would otherwise live in the relay task's async frame for
    // the whole stream (see Gateway.chat).
    @inline(never)
    mutating func feed(_ bytes: [UInt8]) -> [UInt8] {
        if passFilter != nil {
            let out = (try? passFilter!.feed(bytes)) ?? bytes
            usage = passFilter!.usage ?? usage
            if let reason = passFilter!.finishReason { stopReason = StopReason(openAIFinishReason: reason, sawToolCalls: false) }
            sawError = sawError || passFilter!.sawError
            isBroken = isBroken || passFilter!.sawMalformed
            return out
        }
        let current = takeMode()
        switch consume current {
        case .openAIPass:
            mode = .openAIPass
            return bytes
        case .anthropicPass(var decoder):
            do { note(try decoder.feed(bytes)) } catch {
                isBroken = true
                mode = .anthropicPass(decoder)
                return []
            }
            mode = .anthropicPass(decoder)
            return bytes
        case .translate(var decoder, var encoder):
            let events = decode(&decoder, bytes)
            note(events)
            let out = encode(&encoder, events)
            mode = .translate(decoder, encoder)
            return out
        case .taken:
            return []
        }
    }

    /// The upstream stream ended: flushes what the client still needs (closing events).
    @inline(never)
    mutating func finish() -> [UInt8] {
        let current = takeMode()
        switch consume current {
        case .openAIPass:
            mode = .openAIPass
            return passFilter?.finish() ?? []
        case .anthropicPass(let decoder):
            mode = .anthropicPass(decoder)
            return []
        case .translate(var decoder, var encoder):
            var events: [StreamEvent] = []
            switch decoder {
            case .openAI(var d): events = d.finish(); decoder = .openAI(d)
            case .gemini(var g): events = g.finish(); decoder = .gemini(g)
            case .responses(var r): events = r.finish(); decoder = .responses(r)
            case .anthropic(let a):
                if !a.isFinished { events = [.error(ProviderError(kind: .server, status: 502, message: "The upstream stream ended before the message was complete."))] }
            }
            note(events)
            var out = encode(&encoder, events)
            switch encoder {
            case .openAI(var e): out += e.finish(); encoder = .openAI(e)
            case .anthropic(var e): out += e.finish(); encoder = .anthropic(e)
            case .responses(let box): out += box.encoder.finish()
            }
            mode = .translate(decoder, encoder)
            return out
        case .taken:
            return []
        }
    }

    /// The events that end a Responses stream with `error` (its terminal event carries the
    /// failure); nil for the chat dialects, whose error event the gateway writes itself.
    mutating func closingError(_ error: ProviderError) -> [UInt8]? {
        guard case .translate(_, .responses(let box)) = mode else { return nil }
        return box.encoder.encode([.error(error)]) + box.encoder.finish()
    }

    private func decode(_ decoder: inout Decoder, _ bytes: [UInt8]) -> [StreamEvent] {
        switch consume decoder {
        case .openAI(var d):
            let events = d.feed(bytes)
            decoder = .openAI(d)
            return events
        case .anthropic(var d):
            let events: [StreamEvent]
            do { events = try d.feed(bytes) } catch {
                events = [.error(ProviderError(kind: .server, status: 502, message: "malformed upstream stream: \(error.message)"))]
            }
            decoder = .anthropic(d)
            return events
        case .gemini(var d):
            let events = d.feed(bytes)
            decoder = .gemini(d)
            return events
        case .responses(var d):
            let events = d.feed(bytes)
            decoder = .responses(d)
            return events
        }
    }

    private func encode(_ encoder: inout Encoder, _ events: [StreamEvent]) -> [UInt8] {
        guard !events.isEmpty else { return [] }
        switch consume encoder {
        case .openAI(var e):
            let out = e.encode(events)
            encoder = .openAI(e)
            return out
        case .anthropic(var e):
            let out = e.encode(events)
            encoder = .anthropic(e)
            return out
        case .responses(let box):
            encoder = .responses(box)
            return box.encoder.encode(events)
        }
    }

    private mutating func note(_ events: [StreamEvent]) {
        for event in events {
            switch event {
            case .usage(let u): usage = u
            case .finish(let reason): stopReason = reason
            case .error: sawError = true
            default: break
            }
        }
    }
}

/// A relay's Responses stream encoder behind one pointer; the relay that made it is its only
/// user, on the loop thread.
final class ResponsesEncoderBox {
    var encoder: ResponsesStreamEncoder
    init(_ encoder: ResponsesStreamEncoder) { self.encoder = encoder }
}
