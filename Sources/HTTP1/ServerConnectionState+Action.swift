extension ServerConnectionState {
    /// The connection's single timer; arming one replaces whichever was armed.
    public enum Timer: Sendable, Hashable {
        /// A request has started but its header section is not complete.
        case header
        /// No request has started (fresh connection or between keep-alive requests).
        case idle
    }

    /// Something the I/O layer must do, in the order the actions are returned.
    public enum Action: Sendable, Equatable {
        /// Hand a new request to the application. At most one request is with the
        /// application at a time; pipelined ones wait in the parser's buffer.
        case deliverHead(RequestHead)
        /// Request body bytes for the request last delivered.
        case deliverBody([UInt8])
        /// The request body is complete.
        case deliverEnd
        /// The request last delivered failed: a body error, the peer closing mid-body, or
        /// (nil) the connection closing. The application stops and writes nothing more for it.
        case abortRequest(ParseError?)
        /// Write these bytes (an error response, a 408, or `100 Continue`), in order with the
        /// application's own response bytes.
        case write([UInt8])
        case startReading
        case stopReading
        /// Start (or restart) the connection timer with this duration.
        case armTimer(Timer, milliseconds: UInt64)
        case cancelTimer
        /// Flush pending writes, then close the connection. No further actions follow.
        case close
    }

    /// What the connection knows about the request that is with the application.
    struct InFlight: Sendable {
        var keepAlive = true
        var bodyComplete = false
        var responseStarted = false
        var expectsContinue = false
        var continueSent = false
    }

    enum Phase: Sendable, Equatable {
        /// No request with the application: reading (and parsing) the next one.
        case waiting
        case inFlight
        case closed
    }
}
