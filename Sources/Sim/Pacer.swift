import Loop

/// A cancellable sleep for one request's pacing, reusing a single loop timer for all its waits.
///
/// `cancel()` (wired to the client going away) ends the current wait at once and makes every
/// later one return false immediately, so an abandoned stream stops within the same loop turn.
@LoopActor
final class Pacer {
    private let loop: EventLoop
    private var timer: LoopTimer?
    private var waiting: CheckedContinuation<Bool, Never>?
    private(set) var isCancelled = false

    init(loop: EventLoop = .shared) {
        self.loop = loop
    }

    /// Waits `milliseconds`; returns false if cancelled before or during the wait.
    func sleep(milliseconds: UInt64) async -> Bool {
        guard !isCancelled else { return false }
        guard milliseconds > 0 else { return true }
        let timer = self.timer ?? LoopTimer(loop: loop)
        self.timer = timer
        return await withCheckedContinuation { continuation in
            waiting = continuation
            timer.start(after: milliseconds) { [unowned self] in resume(true) }
        }
    }

    func cancel() {
        guard !isCancelled else { return }
        isCancelled = true
        timer?.stop()
        resume(false)
    }

    /// Releases the timer; the pacer must not sleep again.
    func close() {
        timer?.close()
        timer = nil
    }

    private func resume(_ value: Bool) {
        guard let continuation = waiting else { return }
        waiting = nil
        continuation.resume(returning: value)
    }
}
