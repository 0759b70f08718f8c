import XCTest
@testable import HTTP1

final class EventStreamResponseTests: XCTestCase {
    private func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    func testHTTP11UsesChunkedFraming() {
        let request = RequestHead(method: .post, target: "/v1/chat/completions")
        var (out, body) = EventStreamResponse.head(for: request)
        XCTAssertEqual(text(out), "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n"
                           + "Transfer-Encoding: chunked\r\n\r\n")
        out = []
        body.encode(EventStreamResponse.event(data: "{}"), into: &out)
        body.finish(into: &out)
        XCTAssertEqual(text(out), "a\r\ndata: {}\n\n\r\n0\r\n\r\n")
        XCTAssertFalse(body.closesConnection)
    }

    func testHTTP10IsCloseDelimited() {
        let request = RequestHead(method: .post, target: "/", version: .http1_0, keepAlive: true)
        var (out, body) = EventStreamResponse.head(headers: ["content-type": "text/event-stream; charset=utf-8"], for: request)
        XCTAssertEqual(text(out), "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream; charset=utf-8\r\n"
                           + "Cache-Control: no-cache\r\nConnection: close\r\n\r\n")
        XCTAssertTrue(body.closesConnection)
        out = []
        body.encode(bytes("data: x\n\n"), into: &out)
        body.finish(into: &out)
        XCTAssertEqual(text(out), "data: x\n\n")
    }

    func testEventFormatting() {
        XCTAssertEqual(text(EventStreamResponse.event(data: "a\nb\r\nc\rd", event: "msg\r\nx", id: "7")),
                       "event: msg  x\nid: 7\ndata: a\ndata: b\ndata: c\ndata: d\n\n")
        XCTAssertEqual(text(EventStreamResponse.event(data: "")), "data: \n\n")
        XCTAssertEqual(text(EventStreamResponse.comment("ping")), ": ping\n\n")
    }
}
