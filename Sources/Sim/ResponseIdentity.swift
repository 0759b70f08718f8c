/// The facts every response part of one request repeats: id, creation time, model, and the
/// backend fingerprint.
struct ResponseIdentity: Sendable, Equatable {
    var id: String
    /// Unix seconds.
    var created: Int
    /// The model as the request named it.
    var model: String
    /// Stable per model, like a provider's backend configuration id.
    var fingerprint: String

    init(id: String, created: Int, model: String, fingerprint: String) {
        self.id = id
        self.created = created
        self.model = model
        self.fingerprint = fingerprint
    }

    /// `count` characters of [0-9A-Za-z] drawn from `random`.
    static func randomToken(_ count: Int, _ random: inout SimRandom) -> String {
        let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        for _ in 0..<count { bytes.append(alphabet[random.below(alphabet.count)]) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Ten lowercase hex digits of a stable hash of `text`.
    static func hexDigest(_ text: String) -> String {
        var hash = StableHash()
        hash.combine(text)
        let hex = String(hash.value, radix: 16)
        return String((String(repeating: "0", count: max(0, 16 - hex.count)) + hex).prefix(10))
    }
}
