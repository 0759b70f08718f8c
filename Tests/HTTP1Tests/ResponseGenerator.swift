@testable import HTTP1

/// Produces random valid response streams, with the events each must yield, from a seed.
/// Randomness, mutations and split points come from `RequestGenerator`.
struct ResponseGenerator {
    var random: RequestGenerator

    init(seed: UInt64) { random = RequestGenerator(seed: seed) }

    private static let statuses = [200, 200, 200, 201, 204, 304, 400, 404, 429, 500, 503]
    private static let reasons = ["OK", "", "Created", "Not Found", "Too Many Requests", "x\ty"]
    private static let names = ["Content-Type", "Date", "Server", "X-Request-Id", "Cache-Control", "Set-Cookie",
                                "Anthropic-Ratelimit-Requests-Remaining", "Vary", "Content-Lengthy", "X"]
    private static let valueBytes = Array("abcXYZ019 ,;=/\"()-_.\t".utf8)
    private static let interims = ["HTTP/1.1 100 Continue", "HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload",
                                   "HTTP/1.0 102 Processing"]

    /// A line end: mostly CRLF, sometimes the bare LF that sloppy servers send.
    private mutating func lineEnd() -> [UInt8] { random.chance(10) ? [10] : [13, 10] }

    /// One valid response and the events it must produce, bodies merged. `last` allows a
    /// close-delimited body, which only the peer's close ends.
    mutating func validResponse(headRequest: Bool, last: Bool) -> (bytes: [UInt8], events: [ResponseEvent]) {
        var out: [UInt8] = []
        for _ in 0..<(random.chance(10) ? random.int(1...2) : 0) {
            out += Array(random.pick(Self.interims).utf8) + lineEnd() + lineEnd()
        }
        let http10 = random.chance(10)
        let status = random.pick(Self.statuses)
        out += Array("HTTP/1.\(http10 ? 0 : 1) \(status)".utf8)
        if !random.chance(10) { out += Array(" \(random.pick(Self.reasons))".utf8) }
        out += lineEnd()

        var fields: [String] = []
        for _ in 0..<random.int(0...5) {
            let value = random.randomBytes(random.int(0...30), from: Self.valueBytes)
            fields.append(random.pick(Self.names) + (random.chance(70) ? ": " : ":") + String(decoding: value, as: UTF8.self))
        }
        let connection = random.pick(["", "", "close", "keep-alive", "Keep-Alive, Upgrade"])
        if !connection.isEmpty { fields.append("Connection: \(connection)") }
        let connectionKeepAlive = http10 ? connection.lowercased().hasPrefix("keep-alive") : connection != "close"
        var keepAlive = connectionKeepAlive

        let body = random.randomBytes(random.int(0...200))
        var framing: ResponseHeadInfo.Framing
        switch random.int(0...(last ? 3 : 1)) {
        case 0:
            fields.append(random.chance(10) ? "Content-Length: \(body.count), \(body.count)" : "Content-Length: \(body.count)")
            framing = .length(body.count)
        case 1:
            fields.append(random.chance(20) ? "Transfer-Encoding: gzip, chunked" : "Transfer-Encoding: chunked")
            // Content-Length beside chunked, or chunked in HTTP/1.0: the connection must close.
            if random.chance(10) { fields.append("Content-Length: 7") }
            if http10 || fields.last == "Content-Length: 7" { keepAlive = false }
            framing = .chunked
        case 2:
            fields.append("Transfer-Encoding: gzip")
            framing = .untilClose
        default:
            framing = .untilClose
        }
        if headRequest || status == 204 || status == 304 {
            // No body whatever the fields say, and they do not touch keep-alive either.
            framing = .none
            keepAlive = connectionKeepAlive
        }
        random.shuffle(&fields)

        var block: [UInt8] = []
        for field in fields {
            out += Array(field.utf8) + lineEnd()
            block += Array(field.utf8) + [13, 10]
        }
        out += lineEnd()
        switch framing {
        case .none: break
        case .length, .untilClose: out += body
        case .chunked: out += chunked(body)
        }
        let sent = framing == .none ? [] : body
        let info = ResponseHeadInfo(status: status, headerBlock: block, framing: framing,
                                    keepAlive: keepAlive && framing != .untilClose)
        return (out, [.head(info)] + (sent.isEmpty ? [] : [.body(sent)]) + [.end])
    }

    /// `body` in chunks of random size, with the optional parts of the grammar exercised.
    private mutating func chunked(_ body: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var rest = body[...]
        while true {
            let size = rest.isEmpty ? 0 : random.int(1...rest.count)
            if random.chance(10) { out += Array("00".utf8) }
            out += Array(String(size, radix: 16, uppercase: random.chance(50)).utf8)
            if random.chance(10) { out.append(32) }
            if random.chance(15) { out += Array(";ext=\"v w\";flag".utf8) }
            out += lineEnd()
            if size == 0 { break }
            out += rest.prefix(size) + lineEnd()
            rest = rest.dropFirst(size)
        }
        for _ in 0..<(random.chance(20) ? random.int(1...2) : 0) { out += Array("X-Trailer: t".utf8) + lineEnd() }
        return out + lineEnd()
    }

    /// One to three responses back to back; only the last may be close-delimited.
    mutating func validStream(headRequest: Bool) -> (bytes: [UInt8], events: [ResponseEvent]) {
        var bytes: [UInt8] = [], events: [ResponseEvent] = []
        let count = random.int(1...3)
        for index in 0..<count {
            let response = validResponse(headRequest: headRequest, last: index == count - 1)
            bytes += response.bytes
            events += response.events
        }
        return (bytes, events)
    }
}

extension RequestGenerator {
    mutating func shuffle(_ items: inout [String]) {
        guard items.count > 1 else { return }
        for index in stride(from: items.count - 1, to: 0, by: -1) { items.swapAt(index, int(0...index)) }
    }
}
