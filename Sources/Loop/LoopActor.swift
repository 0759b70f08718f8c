/// The global actor whose executor is the shared `EventLoop`: all loop-owned state lives here.
@globalActor
public actor LoopActor {
    public static let shared = LoopActor()

    public nonisolated var unownedExecutor: UnownedSerialExecutor {
        EventLoop.shared.asUnownedSerialExecutor()
    }

    /// Runs `operation` with `context` as loop-isolated code from a libuv callback, which Swift
    /// cannot see is already on the loop thread. Checked in debug builds only: C callbacks are
    /// the hot path.
    ///
    /// `operation` must capture nothing; what it needs comes as `context`. Converting a closure
    /// that captures to the unisolated type (`withoutActuallyEscaping`) boxes its captures on the
    /// heap, an allocation per call: two per relayed chunk (curl's socket event and its write
    /// callback) and one per response header line, before this took the context apart.
    /// Inlinable so that callers get it specialised: the generic body from another module
    /// reabstracts `operation` through a thunk, which allocates as well.
    @inlinable @inline(__always)
    public static func assumeIsolated<Context, T>(_ context: Context, _ operation: @LoopActor (Context) throws -> T) rethrows -> T {
        assert(EventLoop.shared.inLoopThread, "libuv callback off the loop thread")
        typealias Unisolated = (Context) throws -> T
        return try withoutActuallyEscaping(operation) { fn in
            try unsafeBitCast(fn, to: Unisolated.self)(context)
        }
    }
}
