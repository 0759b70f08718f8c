import XCTest
@testable import Ledger

final class KeyHashTests: XCTestCase {
    func testSHA256OfAKnownInputAndHexRoundTrip() throws {
        let hash = KeyHash(secret: "abc")
        XCTAssertEqual(hash.hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(KeyHash(hex: hash.hex), hash)
        XCTAssertNil(KeyHash(hex: "ba78"))
        XCTAssertNil(KeyHash(hex: String(repeating: "g", count: 64)))
        let bytes = Array("abc".utf8).withUnsafeBytes { KeyHash(bytes: $0) }
        XCTAssertEqual(bytes, hash)
    }

    func testConstantTimeEqualityOfBytesAndHashes() {
        XCTAssertTrue(ConstantTime.equal([UInt8](), [UInt8]()))
        XCTAssertTrue(ConstantTime.equal([1, 2, 3] as [UInt8], [1, 2, 3] as [UInt8]))
        XCTAssertFalse(ConstantTime.equal([1, 2, 3] as [UInt8], [1, 2, 4] as [UInt8]))
        XCTAssertFalse(ConstantTime.equal([9, 2, 3] as [UInt8], [1, 2, 3] as [UInt8]))
        XCTAssertFalse(ConstantTime.equal([1, 2] as [UInt8], [1, 2, 3] as [UInt8]))
        let a = KeyHash(secret: "one")
        for word in 0..<4 {
            var words = [a.w0, a.w1, a.w2, a.w3]
            words[word] ^= 1 << 63
            XCTAssertFalse(ConstantTime.equal(a, KeyHash(w0: words[0], w1: words[1], w2: words[2], w3: words[3])))
        }
        XCTAssertTrue(ConstantTime.equal(a, KeyHash(secret: "one")))
    }

    func testSecretsAreDistinctAndWellFormed() {
        let secrets = (0..<1_000).map { _ in KeySecret.generate() }
        XCTAssertEqual(Set(secrets).count, 1_000)
        for secret in secrets.prefix(50) {
            var text = secret
            XCTAssertTrue(text.withUTF8 { KeySecret.isWellFormed(UnsafeRawBufferPointer($0)) })
        }
        let used = Set(secrets.joined().dropFirst(3).utf8)
        XCTAssertEqual(used.count, 64, "the whole url-safe alphabet appears")
    }

    func testDirectoryLookupFindsTheRightKeyInASharedBucket() {
        let base = KeyHash(secret: "base")
        let twin = KeyHash(w0: base.w0, w1: base.w1 ^ 1, w2: base.w2, w3: base.w3)
        let keys = [
            VirtualKey(id: "a", name: "a", createdAtMs: 0, prefix: "sy-a", hash: base),
            VirtualKey(id: "b", name: "b", createdAtMs: 0, prefix: "sy-b", hash: twin),
        ]
        let directory = KeyDirectory(keys: keys, teams: [])
        XCTAssertEqual(directory.lookup(base)?.id, "a")
        XCTAssertEqual(directory.lookup(twin)?.id, "b")
        XCTAssertNil(directory.lookup(KeyHash(secret: "other")))
        XCTAssertEqual(directory.count, 2)
    }
}
