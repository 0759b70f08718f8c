#if canImport(Glibc)
import Glibc
#endif

/// The process's table of open file descriptors, sized once at start-up instead of during a burst.
///
/// Linux grows a process's descriptor table by doubling when a new descriptor does not fit, and
/// in a process with more than one thread each doubling waits for an RCU grace period inside the
/// `accept`, `socket` or `open` that needed the room: 7–15 ms per doubling on the benchmark VM
/// (a C loop opening sockets beside one idle thread stalled at descriptors 256, 512, ..., 8192).
/// On the loop thread that is a stall for every connection in flight, six times in a fresh
/// gateway's first burst of 5,000 streams. The table never shrinks, so growing it once, before
/// serving, removes those stalls for the life of the process. Cost: kernel memory, about
/// 8.3 bytes per slot (512 KiB at 65,536), not counted in the process's resident set.
public enum DescriptorTable {
    /// The default number of descriptors to make room for: 32,768 connections, each with an
    /// upstream socket.
    public static let defaultReserve = 65_536

    /// Raises the soft open-files limit up to the hard limit, at most `wanted`, and grows the
    /// descriptor table to that many slots. Returns the soft limit in force afterwards.
    @discardableResult
    public static func reserve(upTo wanted: Int = defaultReserve) -> Int {
        var limit = rlimit()
        guard getrlimit(resource, &limit) == 0 else { return 0 }
        let target = rlim_t(max(wanted, 0))
        if limit.rlim_cur < target, limit.rlim_cur < limit.rlim_max {
            var raised = limit
            raised.rlim_cur = min(target, limit.rlim_max)
            if setrlimit(resource, &raised) == 0 { limit = raised }
        }
        let slots = Int(min(limit.rlim_cur, target))
        // Duplicating onto the highest slot makes the kernel size the table for it; /dev/null
        // rather than stdin, which a daemon may have closed.
        if slots > 0 {
            let source = open("/dev/null", O_RDONLY | O_CLOEXEC)
            if source >= 0 {
                let highest = fcntl(source, F_DUPFD_CLOEXEC, Int32(slots - 1))
                if highest >= 0 { close(highest) }
                close(source)
            }
        }
        return Int(clamping: limit.rlim_cur)
    }

    /// The number of slots the kernel's descriptor table has now (`FDSize` in
    /// `/proc/self/status`), or nil where that is not readable.
    public static func size() -> Int? { ProcessStatus.field("FDSize") }

    private static var resource: __rlimit_resource_t { __rlimit_resource_t(RLIMIT_NOFILE.rawValue) }
}
