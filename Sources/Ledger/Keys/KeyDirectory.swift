/// An immutable in-memory index of keys by secret hash, plus the teams: the hot path's data.
///
/// Keys are bucketed by the first 64 bits of their hash and the full hash is then compared in
/// constant time. The bucket word is derived from SHA-256 output an attacker cannot steer, so
/// the dictionary's ordinary comparison of it leaks nothing about stored secrets.
public struct KeyDirectory: Sendable {
    private var buckets: [UInt64: [VirtualKey]] = [:]
    public let teams: [String: Team]
    public let count: Int

    public init(keys: [VirtualKey], teams: [Team]) {
        for key in keys { buckets[key.hash.w0, default: []].append(key) }
        count = keys.count
        self.teams = Dictionary(teams.map { ($0.name, $0) }, uniquingKeysWith: { _, last in last })
    }

    /// Checks a presented secret (`Authorization: Bearer …` or `x-api-key`).
    public func check(secret: String, nowMs: Int64) -> KeyCheck {
        var text = secret
        return text.withUTF8 { check(secretBytes: UnsafeRawBufferPointer($0), nowMs: nowMs) }
    }

    /// Checks a presented secret straight from the request buffer, without a String.
    public func check(secretBytes bytes: UnsafeRawBufferPointer, nowMs: Int64) -> KeyCheck {
        guard KeySecret.isWellFormed(bytes) else { return .malformed }
        let hash = KeyHash(bytes: bytes)
        guard let key = lookup(hash) else { return .unknown }
        if key.isRevoked { return .revoked(key) }
        if key.isExpired(atMs: nowMs) { return .expired(key) }
        return .valid(key)
    }

    /// The key whose hash equals `hash`, compared in constant time over the whole bucket.
    public func lookup(_ hash: KeyHash) -> VirtualKey? {
        var found: VirtualKey?
        for key in buckets[hash.w0] ?? [] where ConstantTime.equal(key.hash, hash) { found = key }
        return found
    }

    public func team(named name: String) -> Team? { teams[name] }
}
