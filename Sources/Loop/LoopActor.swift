/// The global actor whose executor is the shared `EventLoop`: all loop-owned state lives here.
@globalActor
public actor LoopActor {
    public static let shared = LoopActor()

    public nonisolated var unownedExecutor: UnownedSerialExecutor {
        EventLoop.shared.asUnownedSerialExecutor()
    }

    /// Runs `operation` as loop-isolated code from a libuv callback, which Swift cannot see is
    /// already on the loop thread. Checked in debug builds only: C callbacks are the hot path.
    @inline(__always)
    public static func assumeIsolated<T>(_ operation: @LoopActor () throws -> T) rethrows -> T {
        assert(EventLoop.shared.inLoopThread, "libuv callback off the loop thread")
        typealias Unisolated = () throws -> T
        return try withoutActuallyEscaping(operation) { fn in
            try unsafeBitCast(fn, to: Unisolated.self)()
        }
    }
}
