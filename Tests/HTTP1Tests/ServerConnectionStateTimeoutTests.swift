import XCTest
@testable import HTTP1

/// Header and idle timers: when they are armed, and what their expiry does.
final class ServerConnectionStateTimeoutTests: XCTestCase {
    let configuration = ServerConnectionConfiguration(headerTimeoutMilliseconds: 5_000, idleTimeoutMilliseconds: 30_000)

    func started() -> ServerConnectionState {
        var connection = ServerConnectionState(configuration: configuration)
        connection.start()
        XCTAssertEqual(connection.drain(), [.startReading, .armTimer(.idle, milliseconds: 30_000)])
        return connection
    }

    func testIdleTimeoutClosesSilently() {
        var connection = started()
        connection.timerFired(.idle)
        XCTAssertEqual(connection.drain(), [.close])
    }

    func testSlowHeaderGets408() {
        var connection = started()
        connection.bytesRead(bytes("GET / HT"))
        XCTAssertEqual(connection.drain(), [.armTimer(.header, milliseconds: 5_000)])
        connection.bytesRead(bytes("TP/1.1\r\nHost: h\r\n"))
        XCTAssertEqual(connection.drain(), [], "the deadline runs from the first byte, not the last")
        connection.timerFired(.header)
        XCTAssertEqual(connection.drain(), [.write(ParseError.headerTimeout.responseBytes), .close])
        XCTAssertTrue(String(decoding: ParseError.headerTimeout.responseBytes, as: UTF8.self)
            .hasPrefix("HTTP/1.1 408 Request Timeout\r\n"))
    }

    func testCompleteHeadCancelsTheHeaderTimer() {
        var connection = started()
        connection.bytesRead(bytes("GET / HTTP/1.1\r\n"))
        XCTAssertEqual(connection.drain(), [.armTimer(.header, milliseconds: 5_000)])
        connection.bytesRead(bytes("Host: h\r\n\r\n"))
        XCTAssertEqual(connection.drain(), [.cancelTimer, .deliverHead(heads(parse(bytes("GET / HTTP/1.1\r\nHost: h\r\n\r\n")))[0]), .deliverEnd])
        connection.timerFired(.header)
        XCTAssertEqual(connection.drain(), [], "a stale firing is ignored")
    }

    func testNoTimerWhileTheApplicationWorks() {
        var connection = started()
        connection.bytesRead(bytes("GET / HTTP/1.1\r\nHost: h\r\n\r\nGET /next"))
        XCTAssertEqual(connection.drain().filter { if case .armTimer = $0 { true } else { false } }, [])
        connection.timerFired(.idle)
        connection.timerFired(.header)
        XCTAssertEqual(connection.drain(), [])
        connection.responseFinished()
        XCTAssertEqual(connection.drain(), [.armTimer(.header, milliseconds: 5_000)],
                       "the buffered partial request now runs against the header timer")
    }

    func testWrongTimerKindIsIgnored() {
        var connection = started()
        connection.timerFired(.header)
        XCTAssertEqual(connection.drain(), [])
        XCTAssertFalse(connection.isClosed)
    }

    func testIdleTimerIsReplacedWhenARequestStarts() {
        var connection = started()
        connection.bytesRead(bytes("G"))
        XCTAssertEqual(connection.drain(), [.armTimer(.header, milliseconds: 5_000)])
        connection.timerFired(.idle)
        XCTAssertEqual(connection.drain(), [], "the idle timer was replaced")
    }
}
