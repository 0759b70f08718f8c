import CLibUV
#if canImport(Glibc)
import Glibc
#endif

/// A connected TCP stream: reads are delivered synchronously from one shared buffer, writes are
/// attempted in place first and queued only for the remainder.
///
/// Lifecycle: the connection keeps itself alive from init until its close callback runs, so
/// libuv never calls back into a freed object.
@LoopActor
public final class TCPConnection {
    /// Bytes read, valid only during the call. `nil` means end of stream or an error.
    /// Handlers are typed loop-isolated (as they run): a closure whose type is not isolated
    /// but whose body is gets a run-time isolation check on every call.
    public typealias ReadHandler = @LoopActor (Result<UnsafeRawBufferPointer, LoopError>) -> Void

    private let handle: UnsafeMutablePointer<uv_tcp_t>
    private var onRead: ReadHandler?
    fileprivate var onClose: (@LoopActor () -> Void)?
    public private(set) var isClosed = false
    public private(set) var isReading = false
    /// Writes issued (one system call each when the kernel takes them whole); tests count them
    /// to show that pieces meant to go out together do.
    public private(set) var writesIssued = 0

    // One read buffer per process: reads are consumed before the callback returns.
    nonisolated fileprivate static let readBufferSize = 65536
    nonisolated(unsafe) fileprivate static let readBuffer = UnsafeMutableRawPointer.allocate(byteCount: readBufferSize, alignment: 16)

    init(loop: EventLoop) {
        handle = .allocate(capacity: 1)
        uv_tcp_init(loop.uv, handle)
        handle.pointee.data = Unmanaged.passRetained(self).toOpaque()
    }

    var stream: UnsafeMutablePointer<uv_stream_t> { sy_stream(handle) }

    func configureAccepted() {
        uv_tcp_nodelay(handle, 1)
    }

    /// Called once when the handle is fully closed.
    public func setCloseHandler(_ handler: @escaping @LoopActor () -> Void) { onClose = handler }

    public func startReading(_ handler: @escaping ReadHandler) {
        onRead = handler
        resumeReading()
    }

    public func resumeReading() {
        guard !isClosed, !isReading, onRead != nil else { return }
        isReading = true
        uv_read_start(stream, readAllocate, readDone)
    }

    public func stopReading() {
        guard isReading, !isClosed else { return }
        isReading = false
        uv_read_stop(stream)
    }

    /// Reads what already waits in the socket now rather than in a later loop iteration's poll.
    /// A client sends its request as soon as it is connected, so by the time a connection is
    /// accepted its request is usually there: reading it at once saves a loop iteration on the
    /// way to the first byte of the answer (milliseconds when the loop is busy). With nothing
    /// waiting it costs one `recv` that says so.
    public func readPending() {
        guard isReading, !isClosed else { return }
        var fd = uv_os_fd_t()
        guard uv_fileno(sy_handle(handle), &fd) == 0 else { return }
        let count = recv(fd, Self.readBuffer, Self.readBufferSize, Int32(MSG_DONTWAIT))
        if count > 0 {
            didRead(count)
        } else if count == 0 {
            didRead(Int(UV_EOF.rawValue))
        } else if errno != EAGAIN && errno != EWOULDBLOCK {
            didRead(-Int(errno))  // libuv's codes are negated errno values on Unix
        }
    }

    fileprivate func didRead(_ count: Int) {
        if count > 0 {
            onRead?(.success(UnsafeRawBufferPointer(start: TCPConnection.readBuffer, count: count)))
        } else if count < 0 {
            stopReading()
            onRead?(.failure(LoopError(code: Int32(count))))
        }
    }

    /// Bytes queued in libuv and not yet handed to the kernel: the backpressure signal.
    public var pendingWriteBytes: Int { isClosed ? 0 : uv_stream_get_write_queue_size(stream) }

    /// Writes `bytes`; `completion` (if any) runs when they are handed to the kernel or fail.
    public func write(_ bytes: UnsafeRawBufferPointer, completion: (@LoopActor (LoopError?) -> Void)? = nil) {
        var buf = Self.buffer(bytes)
        write(&buf, count: 1, completion: completion)
    }

    /// Writes three pieces as one gathered write (`writev`), so a framed piece (a chunk's size
    /// line, its data, CRLF) goes out without first being copied into one buffer.
    public func write(_ first: UnsafeRawBufferPointer, _ second: UnsafeRawBufferPointer, _ third: UnsafeRawBufferPointer,
                      completion: (@LoopActor (LoopError?) -> Void)? = nil) {
        // A shared scratch array, like `readBuffer`: libuv copies the descriptors, and a closure
        // (`withUnsafeTemporaryAllocation`) here cost a run-time isolation check per write.
        let bufs = Self.gatherBuffers
        bufs[0] = Self.buffer(first)
        bufs[1] = Self.buffer(second)
        bufs[2] = Self.buffer(third)
        write(bufs, count: 3, completion: completion)
    }

    nonisolated(unsafe) private static let gatherBuffers = UnsafeMutablePointer<uv_buf_t>.allocate(capacity: 3)

    private static func buffer(_ bytes: UnsafeRawBufferPointer) -> uv_buf_t {
        uv_buf_t(base: UnsafeMutablePointer(mutating: bytes.baseAddress?.assumingMemoryBound(to: CChar.self)), len: bytes.count)
    }

    /// Tries the write in place; what the kernel does not take now is copied (the callers'
    /// buffers are borrowed) and queued behind earlier queued bytes.
    private func write(_ bufs: UnsafeMutablePointer<uv_buf_t>, count n: Int, completion: (@LoopActor (LoopError?) -> Void)?) {
        guard !isClosed else { completion?(.canceled); return }
        writesIssued &+= 1
        var total = 0
        for k in 0 ..< n { total += bufs[k].len }
        var offset = 0
        if uv_stream_get_write_queue_size(stream) == 0 {
            let written = uv_try_write(stream, bufs, UInt32(n))
            if written == total { completion?(nil); return }
            if written > 0 { offset = Int(written) }
            else if written != UV_EAGAIN.rawValue { completion?(LoopError(code: written)); return }
        }
        let rest = total - offset
        let copy = UnsafeMutableRawPointer.allocate(byteCount: rest, alignment: 1)
        var at = 0
        var skip = offset
        for k in 0 ..< n {
            let length = bufs[k].len
            if skip >= length { skip -= length; continue }  // written by the try, or empty
            copy.advanced(by: at).copyMemory(from: UnsafeRawPointer(bufs[k].base!) + skip, byteCount: length - skip)
            at += length - skip
            skip = 0
        }
        let request = UnsafeMutablePointer<uv_write_t>.allocate(capacity: 1)
        let context = WriteContext(buffer: copy, completion: completion)
        request.pointee.data = Unmanaged.passRetained(context).toOpaque()
        var buf = uv_buf_t(base: copy.assumingMemoryBound(to: CChar.self), len: rest)
        let rc = uv_write(request, stream, &buf, 1, writeDone)
        if rc < 0 {
            Unmanaged<WriteContext>.fromOpaque(request.pointee.data).release()
            request.deallocate()
            copy.deallocate()
            completion?(LoopError(code: rc))
        }
    }

    public func write(_ bytes: [UInt8], completion: (@LoopActor (LoopError?) -> Void)? = nil) {
        bytes.withUnsafeBytes { write($0, completion: completion) }
    }

    /// Closes the socket; queued writes are cancelled. Safe to call more than once.
    public func close() {
        guard !isClosed else { return }
        isClosed = true
        isReading = false
        onRead = nil
        uv_close(sy_handle(handle), connectionClosed)
    }
}

/// Keeps a queued write's copy and completion alive until libuv reports it done.
/// Created and consumed on the loop thread only.
final class WriteContext: @unchecked Sendable {
    let buffer: UnsafeMutableRawPointer
    let completion: (@LoopActor (LoopError?) -> Void)?

    init(buffer: UnsafeMutableRawPointer, completion: (@LoopActor (LoopError?) -> Void)?) {
        self.buffer = buffer
        self.completion = completion
    }
}

// libuv callbacks: file-level so they carry no isolation check of their own.
private let readAllocate: uv_alloc_cb = { _, _, buf in
    buf!.pointee.base = TCPConnection.readBuffer.assumingMemoryBound(to: CChar.self)
    buf!.pointee.len = TCPConnection.readBufferSize
}

private let readDone: uv_read_cb = { raw, count, _ in
    guard let data = raw?.pointee.data else { return }
    let connection = Unmanaged<TCPConnection>.fromOpaque(data).takeUnretainedValue()
    LoopActor.assumeIsolated((connection, count)) { $0.0.didRead($0.1) }
}

private let writeDone: uv_write_cb = { req, status in
    let context = Unmanaged<WriteContext>.fromOpaque(req!.pointee.data).takeRetainedValue()
    req!.deallocate()
    context.buffer.deallocate()
    LoopActor.assumeIsolated((context, status)) { $0.0.completion?($0.1 < 0 ? LoopError(code: $0.1) : nil) }
}

private let connectionClosed: uv_close_cb = { raw in
    let connection = Unmanaged<TCPConnection>.fromOpaque(raw!.pointee.data).takeRetainedValue()
    raw!.deallocate()
    LoopActor.assumeIsolated(connection) { connection in
        let handler = connection.onClose
        connection.onClose = nil
        handler?()
    }
}
