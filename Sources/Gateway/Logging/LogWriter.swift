import Foundation
import Synchronization

/// Writes log lines to a file descriptor from a thread of its own.
///
/// The loop thread must never block on a slow terminal or pipe, so callers only append to a
/// locked buffer; the writer thread flushes it. Lines past `maxBuffered` bytes are dropped and
/// counted rather than stalling the caller.
///
/// The writer lingers `coalesceMicros` after a wake-up before it drains, so under load one
/// wake-up and one `write` carry many lines: waking a thread per request line cost the loop a
/// futex call and a context switch per request (profiled at about a sixth of its time).
public final class LogWriter: Sendable {
    public static let standardError = LogWriter(fd: 2)

    private struct Pending {
        var bytes: [UInt8] = []
        var dropped = 0
        var flushing = false
    }

    private let fd: Int32
    private let pending = Mutex(Pending())
    private let signal = DispatchSemaphore(value: 0)
    private let maxBuffered = 4 << 20
    private let coalesceMicros: useconds_t = 5_000

    public init(fd: Int32) {
        self.fd = fd
        let thread = Thread { [self] in self.run() }
        thread.name = "sy-log"
        thread.start()
    }

    public func write(_ line: [UInt8]) {
        let wake = pending.withLock { state -> Bool in
            guard state.bytes.count + line.count <= maxBuffered else {
                state.dropped += 1
                return false
            }
            let wasEmpty = state.bytes.isEmpty
            state.bytes += line
            return wasEmpty && !state.flushing
        }
        if wake { signal.signal() }
    }

    /// Blocks until everything written so far reached the descriptor (used at shutdown).
    public func flush() {
        for _ in 0..<200 {
            if pending.withLock({ $0.bytes.isEmpty && !$0.flushing }) { return }
            signal.signal()
            usleep(5_000)
        }
    }

    private func run() {
        while true {
            signal.wait()
            usleep(coalesceMicros)
            while true {
                let batch = pending.withLock { state -> [UInt8] in
                    var out = state.bytes
                    if state.dropped > 0 {
                        out += Array("{\"level\":\"warning\",\"msg\":\"log lines dropped\",\"count\":\(state.dropped)}\n".utf8)
                        state.dropped = 0
                    }
                    state.bytes.removeAll(keepingCapacity: true)
                    state.flushing = !out.isEmpty
                    return out
                }
                if batch.isEmpty { break }
                batch.withUnsafeBytes { raw in
                    var offset = 0
                    while offset < raw.count {
                        let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                        if n <= 0 { break }
                        offset += n
                    }
                }
                pending.withLock { $0.flushing = false }
            }
        }
    }
}
