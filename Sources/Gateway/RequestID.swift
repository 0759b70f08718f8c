/// Issues request ids: a random per-process prefix and a counter, so ids are unique across
/// restarts without a random draw per request.
struct RequestIDGenerator {
    /// `req_` and 16 hex digits.
    private let prefix: [UInt8]
    private var counter: UInt64 = 0

    /// - Parameter counter: where the counter starts (tests start it high).
    init(counter: UInt64 = 0) {
        self.counter = counter
        var rng = SystemRandomNumberGenerator()
        let bits = rng.next() as UInt64
        prefix = Array(("req_" + String(bits, radix: 16).leftPadded(to: 16)).utf8)
    }

    /// The prefix and the counter in at least 8 hex digits, written as bytes: formatting and
    /// padding through `String` cost about 2k instructions a request.
    mutating func next() -> String {
        counter &+= 1
        var digits = 8
        while digits < 16, counter >> UInt64(4 * digits) != 0 { digits += 1 }
        let counter = counter
        return prefix.withUnsafeBufferPointer { prefix in
            String(unsafeUninitializedCapacity: prefix.count + digits) { out in
                _ = out.initialize(fromContentsOf: prefix)
                for i in 0..<digits {
                    let nibble = Int((counter >> UInt64(4 * (digits - 1 - i))) & 0xF)
                    out[prefix.count + i] = nibble < 10 ? UInt8(ascii: "0") &+ UInt8(nibble) : UInt8(ascii: "a") &+ UInt8(nibble - 10)
                }
                return prefix.count + digits
            }
        }
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
