import CLibUV

/// Process-wide settings of glibc's allocator for a loop that must not stall.
///
/// glibc keeps small freed chunks (up to 128 bytes) in "fastbins" without coalescing them, and
/// coalesces all of them at once in the next allocation of a large chunk (or free of a 64 KiB
/// one). After a burst ends (5,000 streams closing at once) that is hundreds of thousands of
/// chunks merged inside one `malloc` call on the loop thread: the simulator spent 14.5 ms
/// without a system call on the first request after such a burst (strace), and every stream
/// started in those milliseconds had its first token late. With fastbins off, a small free
/// coalesces at once, at a small cost per free; the per-thread cache (tcache) still serves
/// the hot sizes without either.
public enum HeapTuning {
    /// Turns fastbins off (`M_MXFAST` 0). Call once at start-up, before the loop serves.
    public static func avoidDeferredCoalescing() {
        _ = sy_malloc_disable_fastbins()
    }
}
