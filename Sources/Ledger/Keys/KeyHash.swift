import Crypto

/// The SHA-256 of a key's secret: the only form of the secret that is stored or compared.
///
/// Equality is constant-time (no early exit on the first differing word), so comparing a
/// presented key against a stored one reveals nothing about where they differ.
public struct KeyHash: Sendable, Equatable, CustomStringConvertible {
    let w0: UInt64, w1: UInt64, w2: UInt64, w3: UInt64

    /// Hashes the UTF-8 bytes of `secret`.
    public init(secret: String) {
        var text = secret
        self = text.withUTF8 { KeyHash(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// Hashes raw bytes, e.g. the header value straight from the request buffer.
    public init(bytes: UnsafeRawBufferPointer) {
        var hasher = SHA256()
        hasher.update(bufferPointer: bytes)
        let digest = hasher.finalize()
        self = digest.withUnsafeBytes { raw in
            KeyHash(
                w0: raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self).bigEndian,
                w1: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self).bigEndian,
                w2: raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self).bigEndian,
                w3: raw.loadUnaligned(fromByteOffset: 24, as: UInt64.self).bigEndian)
        }
    }

    init(w0: UInt64, w1: UInt64, w2: UInt64, w3: UInt64) {
        (self.w0, self.w1, self.w2, self.w3) = (w0, w1, w2, w3)
    }

    /// Parses the 64 lowercase hex digits the store keeps.
    public init?(hex: String) {
        let utf8 = Array(hex.utf8)
        guard utf8.count == 64 else { return nil }
        var words: [UInt64] = []
        for start in stride(from: 0, to: 64, by: 16) {
            guard let word = UInt64(String(decoding: utf8[start..<start + 16], as: UTF8.self), radix: 16) else { return nil }
            words.append(word)
        }
        self.init(w0: words[0], w1: words[1], w2: words[2], w3: words[3])
    }

    /// 64 lowercase hex digits.
    public var hex: String {
        [w0, w1, w2, w3].map { word in
            let digits = String(word, radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }.joined()
    }

    public var description: String { hex }

    public static func == (a: KeyHash, b: KeyHash) -> Bool {
        ConstantTime.equal(a, b)
    }
}
