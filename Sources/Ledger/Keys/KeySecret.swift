/// Generation and shape of key secrets (`sy-` + 43 url-safe characters) and key ids.
enum KeySecret {
    static let scheme = "sy-"
    /// 43 characters of a 64-symbol alphabet: 258 bits from `SystemRandomNumberGenerator`.
    static let randomLength = 43
    /// Characters of the secret kept for display (`sy-` and four more): 24 bits, not a secret.
    static let prefixLength = 7
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    static func generate() -> String {
        scheme + randomCharacters(randomLength)
    }

    /// A non-secret identity that survives rotation, e.g. `key_q3Xz0aP9LmN2`.
    static func newID() -> String {
        "key_" + randomCharacters(12)
    }

    static func prefix(of secret: String) -> String {
        String(secret.prefix(prefixLength))
    }

    /// Cheap shape check before hashing: scheme, length and alphabet. Lengths up to 128
    /// random characters are accepted so longer secrets can be issued later.
    static func isWellFormed(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let schemeBytes = Array(scheme.utf8)
        guard bytes.count >= schemeBytes.count + 32, bytes.count <= schemeBytes.count + 128 else { return false }
        for (index, byte) in schemeBytes.enumerated() where bytes[index] != byte { return false }
        for byte in bytes[schemeBytes.count...] where !isURLSafe(byte) { return false }
        return true
    }

    private static func isURLSafe(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
            true
        default:
            false
        }
    }

    private static func randomCharacters(_ count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        for _ in 0..<count {
            bytes.append(alphabet[Int(generator.next() & 63)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
