#if canImport(Glibc)
import Glibc
#endif

/// A per-iteration trace of one loop, for benchmarks: one line per iteration with its end time,
/// busy time and the jobs it ran, written to the file `SWITCHYARD_LOOP_TRACE` names.
///
/// It tells the loop's own long iterations (busy for most of their length) from gaps where the
/// thread did not run at all (long, barely busy, while a busy process always has work due);
/// `bench/stalls.sh` reads it. Off unless the variable is set: then the loop pays one nil check
/// per iteration. On, lines go to a buffer written out with one `fwrite` when it fills (64 KiB,
/// about 1,500 iterations) or 100 ms after the last write, so a process killed at the end of a
/// benchmark loses at most its last 100 ms.
///
/// Line: `end_ns busy_ns drain_ns urgent_jobs bulk_jobs bulk_queued` (end on the monotonic
/// clock, as `uv_hrtime`; drain is the time in the job queue's drain, within busy).
final class LoopTrace {
    private let file: UnsafeMutablePointer<FILE>
    private let buffer: UnsafeMutableRawBufferPointer
    private var used = 0
    private var flushedAt: UInt64 = 0
    /// Counters of the iteration under way, filled in by the job queue's drain.
    var drainNanos: UInt64 = 0
    var urgentJobs = 0
    var bulkJobs = 0
    var bulkQueued = 0

    /// Traces to `path`, or nil when it cannot be opened.
    init?(path: String) {
        guard let file = fopen(path, "w") else { return nil }
        self.file = file
        buffer = .allocate(byteCount: 64 << 10, alignment: 1)
    }

    deinit {
        flush()
        fclose(file)
        buffer.deallocate()
    }

    /// The trace the environment asks for (`SWITCHYARD_LOOP_TRACE`), if any.
    static func fromEnvironment() -> LoopTrace? {
        guard let path = getenv("SWITCHYARD_LOOP_TRACE") else { return nil }
        return LoopTrace(path: String(cString: path))
    }

    /// Ends the iteration's line; `now` and `busy` in nanoseconds.
    func turnEnded(now: UInt64, busy: UInt64) {
        if buffer.count - used < 128 || now &- flushedAt > 100_000_000 {
            flush()
            flushedAt = now
        }
        putDecimal(now, then: 0x20)
        putDecimal(busy, then: 0x20)
        putDecimal(drainNanos, then: 0x20)
        putDecimal(UInt64(urgentJobs), then: 0x20)
        putDecimal(UInt64(bulkJobs), then: 0x20)
        putDecimal(UInt64(bulkQueued), then: 0x0A)
        drainNanos = 0
        urgentJobs = 0
        bulkJobs = 0
    }

    func flush() {
        guard used > 0 else { return }
        fwrite(buffer.baseAddress, 1, used, file)
        fflush(file)
        used = 0
    }

    private func put(_ byte: UInt8) {
        buffer[used] = byte
        used += 1
    }

    private func putDecimal(_ value: UInt64, then separator: UInt8) {
        var scale: UInt64 = 1
        while value / scale >= 10 { scale *= 10 }
        var rest = value
        while scale > 0 {
            put(UInt8(truncatingIfNeeded: rest / scale) &+ 0x30)
            rest %= scale
            scale /= 10
        }
        put(separator)
    }
}
