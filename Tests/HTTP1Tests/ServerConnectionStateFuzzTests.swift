import XCTest
@testable import HTTP1

/// Random event sequences against the connection's invariants.
final class ServerConnectionStateFuzzTests: XCTestCase {
    /// What the application side has seen, to check each action against.
    struct Observer {
        var inFlight = false
        var bodyEnded = false
        var closed = false
        var reading = false
        var bodyBytes = 0
        var heads = 0

        mutating func observe(_ action: ServerConnectionState.Action) -> String? {
            if closed { return "action after close: \(action)" }
            switch action {
            case .deliverHead:
                if inFlight { return "second head while one is in flight" }
                inFlight = true
                bodyEnded = false
                heads += 1
            case .deliverBody(let bytes):
                if !inFlight || bodyEnded || bytes.isEmpty { return "body outside a request" }
                bodyBytes += bytes.count
            case .deliverEnd:
                if !inFlight || bodyEnded { return "end outside a request" }
                bodyEnded = true
            case .abortRequest:
                if !inFlight { return "abort with no request" }
                inFlight = false
            case .armTimer:
                if inFlight { return "timer armed while the application works" }
            case .startReading:
                if reading { return "start while reading" }
                reading = true
            case .stopReading:
                if !reading { return "stop while stopped" }
                reading = false
            case .close:
                closed = true
            case .write, .cancelTimer:
                break
            }
            return nil
        }
    }

    func testRandomEventSequences() {
        var generator = RequestGenerator(seed: 0xC0FF_EE01)
        var delivered = 0
        for _ in 0..<5_000 {
            let limits = generator.chance(30) ? generator.limits() : ParserLimits(maxBufferedBytes: generator.int(1...400))
            var connection = ServerConnectionState(configuration: ServerConnectionConfiguration(
                parserLimits: limits, sendsContinueAutomatically: generator.chance(50)))
            var observer = Observer()
            var stream = generator.validStream().bytes
            if generator.chance(40) { stream = generator.mutate(stream) }
            var fed = 0
            connection.start()
            while let action = connection.nextAction() { _ = observer.observe(action) }
            for _ in 0..<60 {
                switch generator.int(0...11) {
                case 0...4 where fed < stream.count:
                    let count = generator.int(1...max(1, stream.count - fed))
                    connection.bytesRead(Array(stream[fed..<(fed + count)]))
                    fed += count
                case 5 where observer.inFlight:
                    connection.responseStarted()
                case 6...7 where observer.inFlight:
                    connection.responseFinished(closeConnection: generator.chance(5))
                    observer.inFlight = false
                case 8: connection.requestBodyWanted()
                case 9 where generator.chance(10): connection.timerFired(generator.chance(50) ? .header : .idle)
                case 10 where generator.chance(20): connection.endOfInput()
                case 11 where generator.chance(5):
                    connection.connectionClosed()
                    while let action = connection.nextAction() {
                        XCTAssertEqual(action, .abortRequest(nil))
                    }
                    observer.closed = true
                default: break
                }
                while let action = connection.nextAction() {
                    if let problem = observer.observe(action) {
                        return XCTFail("\(problem) for \(String(decoding: stream, as: UTF8.self).debugDescription)")
                    }
                }
                XCTAssertLessThanOrEqual(observer.bodyBytes, fed)
                if observer.closed { break }
            }
            delivered += observer.heads
        }
        XCTAssertGreaterThan(delivered, 3_000, "the sequences should mostly reach the application")
    }
}
