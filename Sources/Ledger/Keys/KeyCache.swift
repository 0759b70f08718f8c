import Loop
import Synchronization

/// The hot path's view of the keys: a `KeyDirectory` snapshot, swapped whole on reload.
///
/// A check hashes the presented secret outside the lock and holds the lock only to take the
/// current snapshot (a reference copy), so checks cost one SHA-256 and one dictionary lookup.
public final class KeyCache: Sendable {
    private let current: Mutex<KeyDirectory>

    public init(_ directory: KeyDirectory = KeyDirectory(keys: [], teams: [])) {
        current = Mutex(directory)
    }

    public var directory: KeyDirectory { current.withLock { $0 } }

    public func check(secret: String, nowMs: Int64) -> KeyCheck {
        directory.check(secret: secret, nowMs: nowMs)
    }

    public func check(secretBytes: UnsafeRawBufferPointer, nowMs: Int64) -> KeyCheck {
        directory.check(secretBytes: secretBytes, nowMs: nowMs)
    }

    public func replace(with directory: KeyDirectory) {
        current.withLock { $0 = directory }
    }

    /// Reads the store and swaps the snapshot; blocks on disk, so not on the loop thread.
    public func reload(from store: KeyStore) throws(LedgerError) {
        replace(with: try store.directory())
    }

    /// Reloads from the store on a worker thread and swaps the snapshot; for loop code
    /// (after an admin API change, or on SIGHUP).
    @LoopActor
    public func reload(from store: KeyStore, loop: EventLoop) async throws(LedgerError) {
        let result = await loop.offload { () -> Result<KeyDirectory, LedgerError> in
            do throws(LedgerError) { return .success(try store.directory()) } catch { return .failure(error) }
        }
        replace(with: try result.get())
    }
}
