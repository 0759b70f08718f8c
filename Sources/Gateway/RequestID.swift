/// Issues request ids: a random per-process prefix and a counter, so ids are unique across
/// restarts without a random draw per request.
struct RequestIDGenerator {
    private let prefix: String
    private var counter: UInt64 = 0

    init() {
        var rng = SystemRandomNumberGenerator()
        let bits = rng.next() as UInt64
        prefix = "req_" + String(bits, radix: 16).leftPadded(to: 16)
    }

    mutating func next() -> String {
        counter &+= 1
        return prefix + String(counter, radix: 16).leftPadded(to: 8)
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
