/// libFuzzer entry point for the HTTP1 module, covering both the request parser (client bytes)
/// and the response parser (upstream bytes): compiled together with `Sources/HTTP1` by
/// `Fuzz/run-http1.sh`, so it sees internal API. Every property violation traps, which
/// libFuzzer reports as a crash with the input saved.

/// Every input goes to both parsers: a corpus entry that is deep for one is cheap noise for
/// the other, and no selector byte shifts how the existing request seeds are read.
/// Requests: parsed whole and split at input-derived points, under default and small limits,
/// then a connection is driven with them. Responses: see `FuzzResponse`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = Array(UnsafeBufferPointer(start: data, count: size))
    var rng = FuzzRandom(seed: fnv1a(input))
    let small = ParserLimits(maxRequestLineBytes: 32, maxHeaderBytes: 64, maxHeaderCount: 4, maxBodyBytes: 32)
    for limits in [ParserLimits(), small] {
        let whole = FuzzParse.events(input, limits: limits, splits: [])
        let splits = (0..<rng.below(6)).map { _ in rng.below(input.count + 1) }.sorted()
        let split = FuzzParse.events(input, limits: limits, splits: splits)
        precondition(FuzzParse.normalized(whole) == FuzzParse.normalized(split), "split changed the events")
        if input.count <= 512 {
            let byteWise = FuzzParse.events(input, limits: limits, splits: Array(0...input.count))
            precondition(FuzzParse.normalized(whole) == FuzzParse.normalized(byteWise), "byte-wise feeding changed the events")
        }
        FuzzParse.checkGrammar(whole, inputCount: input.count)
    }
    FuzzConnection.drive(input, rng: &rng)
    FuzzResponse.check(input)
    return 0
}

/// Parser checks shared by the fuzz entry point.
enum FuzzParse {
    static func events(_ input: [UInt8], limits: ParserLimits, splits: [Int]) -> [RequestParser.Event] {
        var parser = RequestParser(limits: limits)
        var events: [RequestParser.Event] = []
        var start = 0
        for cut in splits + [input.count] where cut >= start {
            parser.feed(Array(input[start..<cut]))
            start = cut
            while let event = parser.next() {
                events.append(event)
                precondition(events.count <= 2 * input.count + 4, "more events than the input justifies")
            }
        }
        return events
    }

    static func normalized(_ events: [RequestParser.Event]) -> [RequestParser.Event] {
        var result: [RequestParser.Event] = []
        for event in events {
            if case .body(let more) = event, case .body(let previous)? = result.last {
                result[result.count - 1] = .body(previous + more)
            } else {
                result.append(event)
            }
        }
        return result
    }

    /// `(head body* end)* [head body*] [error]`, and never more body than input.
    static func checkGrammar(_ events: [RequestParser.Event], inputCount: Int) {
        var inRequest = false
        var body = 0
        for (index, event) in events.enumerated() {
            switch event {
            case .head:
                precondition(!inRequest, "head inside a request")
                inRequest = true
            case .body(let bytes):
                precondition(inRequest && !bytes.isEmpty, "body outside a request")
                body += bytes.count
            case .end:
                precondition(inRequest, "end outside a request")
                inRequest = false
            case .error(let error):
                precondition(index == events.count - 1, "events after an error")
                precondition((400...599).contains(error.status.code), "error status out of range")
            }
        }
        precondition(body <= inputCount, "more body bytes than input")
    }
}

/// Drives a connection with the input as the client's bytes and input-derived application
/// behaviour, checking the order of what it asks the I/O layer to do.
enum FuzzConnection {
    static func drive(_ input: [UInt8], rng: inout FuzzRandom) {
        let limits = ParserLimits(maxBufferedBytes: 1 + rng.below(300))
        var connection = ServerConnectionState(configuration: ServerConnectionConfiguration(
            parserLimits: limits, sendsContinueAutomatically: rng.below(2) == 0))
        var inFlight = false, bodyEnded = false, closed = false, reading = false
        var fed = 0, delivered = 0
        connection.start()
        for _ in 0..<200 where !closed {
            switch rng.below(10) {
            case 0...4 where fed < input.count:
                let count = 1 + rng.below(input.count - fed)
                connection.bytesRead(Array(input[fed..<(fed + count)]))
                fed += count
            case 5 where inFlight: connection.responseStarted()
            case 6 where inFlight:
                connection.responseFinished(closeConnection: rng.below(20) == 0)
                inFlight = false
            case 7: connection.requestBodyWanted()
            case 8: connection.timerFired(rng.below(2) == 0 ? .header : .idle)
            case 9 where rng.below(10) == 0: connection.endOfInput()
            default: if fed >= input.count && !inFlight { connection.endOfInput() }
            }
            while let action = connection.nextAction() {
                precondition(!closed, "action after close")
                switch action {
                case .deliverHead:
                    precondition(!inFlight, "second request delivered while one is in flight")
                    inFlight = true
                    bodyEnded = false
                case .deliverBody(let bytes):
                    precondition(inFlight && !bodyEnded && !bytes.isEmpty, "body outside a request")
                    delivered += bytes.count
                case .deliverEnd:
                    precondition(inFlight && !bodyEnded, "end outside a request")
                    bodyEnded = true
                case .abortRequest:
                    precondition(inFlight, "abort with no request")
                    inFlight = false
                case .armTimer:
                    precondition(!inFlight, "timer armed while the application works")
                case .startReading:
                    precondition(!reading, "start while reading")
                    reading = true
                case .stopReading:
                    precondition(reading, "stop while stopped")
                    reading = false
                case .close:
                    closed = true
                case .write, .cancelTimer:
                    break
                }
            }
            precondition(delivered <= fed, "more body delivered than read")
        }
    }
}
