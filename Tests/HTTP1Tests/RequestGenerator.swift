@testable import HTTP1

/// Produces random valid request streams and mutations of them, from a seed.
struct RequestGenerator {
    var rng: SeededGenerator

    init(seed: UInt64) { rng = SeededGenerator(seed: seed) }

    private static let methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "X-CUSTOM"]
    private static let names = ["Accept", "User-Agent", "Authorization", "X-Api-Key", "Content-Type",
                                "Accept-Encoding", "Cookie", "X-Request-Id", "Anthropic-Version", "Via"]
    private static let specials: [UInt8] = [13, 10, 32, 9, 0x3A, 0x2C, 0x30, 0x46, 0x3B, 0, 0x7F, 0xFF, 0x20, 0x0D]
    private static let pathBytes = Array("abcxyz019-._~/?=&%".utf8)
    private static let valueBytes = Array("abcXYZ019 ,;=/\"()-_.\t".utf8)

    // Written without generic standard-library helpers: debug builds do not specialise
    // them, and this generator runs a few million times per test.
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        let width = UInt64(range.upperBound - range.lowerBound + 1)
        return range.lowerBound + Int(rng.next() % width)
    }
    mutating func chance(_ percent: Int) -> Bool { rng.next() % 100 < UInt64(percent) }
    mutating func pick<T>(_ items: [T]) -> T { items[Int(rng.next() % UInt64(items.count))] }

    mutating func randomBytes(_ count: Int, from alphabet: [UInt8]) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        let size = UInt64(alphabet.count)
        var index = 0
        while index < count {
            bytes[index] = alphabet[Int(rng.next() % size)]
            index += 1
        }
        return bytes
    }

    mutating func randomBytes(_ count: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var index = 0
        while index < count {
            bytes[index] = UInt8(truncatingIfNeeded: rng.next())
            index += 1
        }
        return bytes
    }

    /// One valid request and the body bytes it carries.
    mutating func validRequest() -> (bytes: [UInt8], body: [UInt8]) {
        let http10 = chance(10)
        var out = Array("\(pick(Self.methods)) /".utf8) + randomBytes(int(0...30), from: Self.pathBytes)
        out += Array(" HTTP/1.\(http10 ? 0 : 1)\r\n".utf8)
        if !http10 || chance(50) { out += Array("Host: example.com\r\n".utf8) }
        for _ in 0..<int(0...8) {
            out += Array("\(pick(Self.names)):".utf8)
            if chance(70) { out.append(32) }
            out += randomBytes(int(0...40), from: Self.valueBytes)
            out += Array("\r\n".utf8)
        }
        if chance(10) { out += Array("Connection: \(pick(["close", "keep-alive", "Keep-Alive, x"]))\r\n".utf8) }
        if chance(5) { out += Array("Expect: 100-continue\r\n".utf8) }

        let body = randomBytes(int(0...200))
        switch (http10, int(0...2)) {
        case (_, 0):
            out += Array("\r\n".utf8)
            return (out, [])
        case (true, _), (false, 1):
            out += Array("Content-Length: \(body.count)\r\n\r\n".utf8) + body
        default:
            out += Array("Transfer-Encoding: chunked\r\n\r\n".utf8)
            var rest = body[...]
            while !rest.isEmpty {
                let size = int(1...rest.count)
                out += Array(String(size, radix: 16, uppercase: chance(50)).utf8)
                if chance(20) { out += Array(";ext=\"v\"".utf8) }
                out += Array("\r\n".utf8) + rest.prefix(size) + Array("\r\n".utf8)
                rest = rest.dropFirst(size)
            }
            out += Array("0\r\n".utf8)
            if chance(20) { out += Array("X-Trailer: t\r\n".utf8) }
            out += Array("\r\n".utf8)
        }
        return (out, body)
    }

    /// One to three valid requests back to back.
    mutating func validStream() -> (bytes: [UInt8], body: [UInt8], count: Int) {
        var bytes: [UInt8] = [], body: [UInt8] = []
        let count = int(1...3)
        for _ in 0..<count {
            let request = validRequest()
            bytes += request.bytes
            body += request.body
        }
        return (bytes, body, count)
    }

    /// `input` with one to four random edits: bit flips, truncation, duplicated or removed
    /// ranges, inserted or replaced special bytes.
    mutating func mutate(_ input: [UInt8]) -> [UInt8] {
        var bytes = input
        for _ in 0..<int(1...4) where !bytes.isEmpty {
            let at = int(0...(bytes.count - 1))
            switch int(0...5) {
            case 0: bytes[at] ^= UInt8(1) << UInt8(int(0...7))
            case 1: bytes.removeSubrange(at...)
            case 2:
                let end = min(bytes.count, at + int(1...16))
                bytes.insert(contentsOf: bytes[at..<end], at: at)
            case 3: bytes.removeSubrange(at..<min(bytes.count, at + int(1...8)))
            case 4: bytes.insert(pick(Self.specials), at: at)
            default: bytes[at] = pick(Self.specials)
            }
        }
        return bytes
    }

    /// Sorted cut points inside `count` bytes.
    mutating func splits(_ count: Int) -> [Int] {
        guard count > 1 else { return [] }
        return (0..<int(1...6)).map { _ in int(0...count) }.sorted()
    }

    /// Small limits, so the limit paths are reached often.
    mutating func limits() -> ParserLimits {
        ParserLimits(maxRequestLineBytes: int(16...80), maxHeaderBytes: int(2...400),
                     maxHeaderCount: int(0...10), maxBodyBytes: int(0...300))
    }
}
