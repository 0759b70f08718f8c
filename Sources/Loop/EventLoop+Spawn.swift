import CLibUV

extension EventLoop {
    /// Starts a task whose every job runs on this loop.
    ///
    /// A plain `Task {}` would not inherit the loop as executor preference and each of its
    /// awaits would hop through the global pool; all project code spawns through here.
    /// A task spawned with `.low` (or lower) priority is bulk work: its jobs run only while no
    /// other job of the loop is ready (`drainLocal`).
    @discardableResult
    public func spawn<T: Sendable>(
        priority: TaskPriority? = nil, _ operation: sending @escaping @LoopActor () async -> T
    ) -> Task<T, Never> {
        Task(executorPreference: self, priority: priority, operation: operation)
    }

    /// `spawn` for throwing work.
    @discardableResult
    public func spawn<T: Sendable>(
        priority: TaskPriority? = nil, _ operation: sending @escaping @LoopActor () async throws -> T
    ) -> Task<T, any Error> {
        Task(executorPreference: self, priority: priority, operation: operation)
    }

    /// Milliseconds of the loop's clock, cached once per iteration (no syscall).
    @LoopActor
    public var now: UInt64 { uv_now(uv) }

    /// Refreshes the cached clock; use before arming a timing-critical timer.
    @LoopActor
    public func updateTime() { uv_update_time(uv) }

    /// Monotonic nanoseconds, precise, for latency measurement.
    public static func hrtime() -> UInt64 { uv_hrtime() }
}
