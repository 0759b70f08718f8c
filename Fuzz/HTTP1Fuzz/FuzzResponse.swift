/// Response parser checks for the fuzz entry point. Upstream bytes are as untrusted as a
/// client's, and `.body` hands out ranges into the caller's buffer, so every `next` call is
/// held to its contract and whole runs are compared across splits.
enum FuzzResponse {
    /// How a run drives the parser; the same for every split of one input, so runs compare.
    struct Setup {
        var maxHeadBytes: Int
        /// Bit `i % 64`: response `i` answers a HEAD request.
        var headMask: UInt64
        /// Reset after each `.end` and parse the rest as the next response, as a kept-alive
        /// connection does; otherwise the bytes after `.end` must stay unconsumed.
        var pipelined: Bool

        func isHead(_ response: Int) -> Bool { headMask >> UInt64(response % 64) & 1 == 1 }
    }

    /// An event with its body copied out while its range was valid.
    enum Outcome: Equatable {
        case head(ResponseHeadInfo)
        case body([UInt8])
        case end
        case error(ResponseParseError)
    }

    struct Run: Equatable {
        /// Consecutive bodies merged: their boundaries follow reads and chunks.
        var events: [Outcome] = []
        /// What `eof()` said once the whole input was fed.
        var atEOF: Outcome?

        mutating func append(_ outcome: Outcome) {
            if case .body(let more) = outcome, case .body(let previous)? = events.last {
                events[events.count - 1] = .body(previous + more)
            } else {
                events.append(outcome)
            }
        }
    }

    static func check(_ input: [UInt8]) {
        // A stream of its own, so the request checks draw what they drew before responses were fuzzed.
        var rng = FuzzRandom(seed: fnv1a(input) ^ 0x5245_5350_4F4E_5345)
        let setups = [
            Setup(maxHeadBytes: 64 * 1024, headMask: rng.below(4) == 0 ? rng.next() : 0, pipelined: true),
            Setup(maxHeadBytes: 64, headMask: rng.below(4) == 0 ? rng.next() : 0, pipelined: rng.below(2) == 0),
        ]
        for setup in setups {
            let whole = run(input, setup, cuts: [], prefixed: false)
            let cuts = (0..<rng.below(6)).map { _ in rng.below(input.count + 1) }.sorted()
            precondition(run(input, setup, cuts: cuts, prefixed: true) == whole, "split changed the response events")
            if input.count <= 512 {
                let byteWise = run(input, setup, cuts: Array(0...input.count), prefixed: false)
                precondition(byteWise == whole, "byte-wise feeding changed the response events")
            }
            checkGrammar(whole, setup, inputCount: input.count)
        }
    }

    /// Feeds `input` in reads ending at `cuts`, each a separate array so a range into another
    /// read's buffer shows; `prefixed` reads also hold the bytes already fed, with the offset
    /// starting past them, as a caller's buffer does once it held an earlier response.
    static func run(_ input: [UInt8], _ setup: Setup, cuts: [Int], prefixed: Bool) -> Run {
        var parser = ResponseParser(maxHeadBytes: setup.maxHeadBytes)
        var responses = 0
        parser.reset(requestMethodIsHead: setup.isHead(0))
        var result = Run()
        var stopped = false
        var start = 0
        var events = 0
        // Chunk framing bytes are consumed in the call that returns the data after them.
        var chunked = false
        for cut in cuts + [input.count] where cut >= start {
            let read = Array(input[(prefixed ? 0 : start)..<cut])
            var offset = prefixed ? start : 0
            start = cut
            read.withUnsafeBytes { buffer in
                while true {
                    let before = offset
                    guard let event = parser.next(buffer, offset: &offset) else {
                        precondition(offset == (stopped ? before : buffer.count), "nil with bytes left, or bytes taken after the response stopped")
                        return
                    }
                    events += 1
                    precondition(events <= 2 * input.count + 8, "more response events than the input justifies")
                    precondition(!stopped, "event after .end or .error without reset")
                    precondition(before <= offset && offset <= buffer.count, "offset moved back or past the buffer")
                    switch event {
                    case .head(let info):
                        precondition(parser.hasStarted, "head without having started")
                        chunked = info.framing == .chunked
                        result.append(.head(info))
                    case .body(let range):
                        precondition(!range.isEmpty && range.upperBound == offset, "body range empty or not ending at the new offset")
                        precondition(chunked ? range.lowerBound >= before : range.lowerBound == before,
                                     "body range not starting where the call started")
                        result.append(.body(Array(read[range])))
                    case .end, .error:
                        result.append(outcome(event))
                        let at = offset
                        precondition(parser.next(buffer, offset: &offset) == nil && offset == at, "consumed after .end or .error")
                        precondition(parser.eof() == nil, "eof event after .end or .error")
                        guard case .end = event, setup.pipelined else {
                            stopped = true
                            break
                        }
                        responses += 1
                        parser.reset(requestMethodIsHead: setup.isHead(responses))
                        precondition(!parser.hasStarted, "started right after reset")
                    }
                }
            }
        }
        // Something is owed at eof exactly when a response is open and got any of its bytes.
        let open = !stopped && parser.hasStarted
        let last = parser.eof()
        precondition((last != nil) == open, "eof disagrees with hasStarted")
        result.atEOF = last.map(outcome)
        precondition(parser.eof() == nil, "second eof returned an event")
        var offset = 0
        precondition([UInt8]().withUnsafeBytes { parser.next($0, offset: &offset) } == nil, "event after eof")
        return result
    }

    static func outcome(_ event: ResponseParser.Event) -> Outcome {
        switch event {
        case .head(let info): .head(info)
        case .body: preconditionFailure("body ranges are resolved where they are valid")
        case .end: .end
        case .error(let error): .error(error)
        }
    }

    /// `(head body* end)* [head body*] [error]` (at most one response unless pipelined), with
    /// each body as long as its framing says, and never more body than input.
    static func checkGrammar(_ run: Run, _ setup: Setup, inputCount: Int) {
        var framing: ResponseHeadInfo.Framing?
        var body = 0, total = 0, responses = 0
        for (index, event) in run.events.enumerated() {
            let isLast = index == run.events.count - 1
            switch event {
            case .head(let info):
                precondition(framing == nil, "head inside a response")
                checkHead(info, setup, isHead: setup.isHead(responses))
                framing = info.framing
                body = 0
            case .body(let bytes):
                switch framing {
                case nil, .none?: preconditionFailure("body outside a response or in one without a body")
                case .length(let length)?: precondition(body + bytes.count <= length, "body past Content-Length")
                case .chunked?, .untilClose?: break
                }
                body += bytes.count
                total += bytes.count
            case .end:
                switch framing {
                case nil: preconditionFailure("end outside a response")
                case .length(let length)?: precondition(body == length, "end short of Content-Length")
                case .untilClose?: preconditionFailure("close-delimited body ended before eof")
                case .none?, .chunked?: break
                }
                precondition(setup.pipelined || isLast, "events after .end without reset")
                framing = nil
                responses += 1
            case .error(let error):
                precondition(isLast, "events after an error")
                precondition(error.code != .truncated, "truncated without eof")
            }
        }
        precondition(total <= inputCount, "more body bytes than input")
        switch run.atEOF {
        case nil: break
        case .end?: precondition(framing == .untilClose, "eof ended a response not delimited by close")
        case .error(let error)?: precondition(error.code == .truncated, "eof failed with \(error)")
        case .head?, .body?: preconditionFailure("eof returned a head or body")
        }
    }

    /// What a final head must satisfy whatever the bytes: a relayable CRLF-only header block no
    /// bigger than the limit allows, and framing that agrees with the status and method.
    static func checkHead(_ info: ResponseHeadInfo, _ setup: Setup, isHead: Bool) {
        precondition((200...599).contains(info.status), "head with a 1xx or out-of-range status")
        let bodiless = isHead || info.status == 204 || info.status == 304
        precondition(bodiless == (info.framing == .none), "framing disagrees with the status or method")
        precondition(info.framing != .untilClose || !info.keepAlive, "keep-alive after a close-delimited body")
        let block = info.headerBlock
        // A bare-LF line, at least `a:` and its LF, gains one CR.
        precondition(block.count * 3 <= setup.maxHeadBytes * 4, "header block larger than the head limit allows")
        precondition(block.isEmpty || block.suffix(2).elementsEqual([0x0D, 0x0A]), "header block not ending in CRLF")
        for index in block.indices {
            if block[index] == 0x0D { precondition(index + 1 < block.count && block[index + 1] == 0x0A, "lone CR in the header block") }
            if block[index] == 0x0A { precondition(index > 0 && block[index - 1] == 0x0D, "bare LF in the header block") }
        }
    }
}
