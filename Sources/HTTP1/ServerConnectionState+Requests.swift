/// Moving requests from the parser to the application, and failing or closing.
extension ServerConnectionState {
    /// With no request in flight: delivers the next buffered request, or arms the timer that
    /// fits what is buffered.
    mutating func advanceWaiting() {
        guard let event = parser.next() else {
            if peerClosed {
                closeConnection()
            } else {
                arm(parser.isIdle ? .idle : .header)
            }
            return
        }
        switch event {
        case .head(let head):
            cancelTimer()
            phase = .inFlight
            current = InFlight(keepAlive: head.keepAlive, expectsContinue: head.expectsContinue)
            emit(.deliverHead(head))
            if head.expectsContinue && configuration.sendsContinueAutomatically && head.body != .none {
                requestBodyWanted()
            }
            pumpBody()
        case .error(let error):
            emit(.write(error.responseBytes))
            closeConnection()
        case .body, .end:
            // The parser starts every request with a head; anything else is a bug here.
            assertionFailure("body event with no request in flight")
            closeConnection()
        }
    }

    /// Delivers the body events available for the request in flight.
    mutating func pumpBody() {
        while let event = parser.next() {
            switch event {
            case .body(let bytes):
                emit(.deliverBody(bytes))
            case .end:
                current.bodyComplete = true
                emit(.deliverEnd)
                return
            case .error(let error):
                fail(error, answer: true)
                return
            case .head:
                assertionFailure("head event inside a request body")
                fail(.unexpectedEndOfInput, answer: false)
                return
            }
        }
        if peerClosed { fail(.unexpectedEndOfInput, answer: false) }
    }

    /// Aborts the request in flight, answers the error if no response has started, closes.
    mutating func fail(_ error: ParseError, answer: Bool) {
        emit(.abortRequest(error))
        if answer && !current.responseStarted { emit(.write(error.responseBytes)) }
        closeConnection()
    }

    mutating func closeConnection() {
        guard phase != .closed else { return }
        cancelTimer()
        phase = .closed
        emit(.close)
    }

    /// Reads unless a request is with the application and the parser holds as much as it may
    /// buffer; while the machine pulls events the parser's own limits bound the buffer.
    mutating func updateReading() {
        guard phase != .closed, !peerClosed else { return }
        let stop = phase == .inFlight && current.bodyComplete && parser.isBufferFull
        guard stop != readingStopped else { return }
        readingStopped = stop
        emit(stop ? .stopReading : .startReading)
    }

    mutating func arm(_ timer: Timer) {
        guard armedTimer != timer else { return }
        armedTimer = timer
        let milliseconds = timer == .header
            ? configuration.headerTimeoutMilliseconds : configuration.idleTimeoutMilliseconds
        emit(.armTimer(timer, milliseconds: milliseconds))
    }

    mutating func cancelTimer() {
        guard armedTimer != nil else { return }
        armedTimer = nil
        emit(.cancelTimer)
    }

    @inline(__always)
    mutating func emit(_ action: Action) {
        actions.append(action)
    }
}
