import CLibUV

/// A connected TCP stream: reads are delivered synchronously from one shared buffer, writes are
/// attempted in place first and queued only for the remainder.
///
/// Lifecycle: the connection keeps itself alive from init until its close callback runs, so
/// libuv never calls back into a freed object.
@LoopActor
public final class TCPConnection {
    /// Bytes read, valid only during the call. `nil` means end of stream or an error.
    public typealias ReadHandler = (Result<UnsafeRawBufferPointer, LoopError>) -> Void

    private let handle: UnsafeMutablePointer<uv_tcp_t>
    private var onRead: ReadHandler?
    fileprivate var onClose: (() -> Void)?
    public private(set) var isClosed = false
    public private(set) var isReading = false

    // One read buffer per process: reads are consumed before the callback returns.
    nonisolated(unsafe) fileprivate static let readBuffer = UnsafeMutableRawPointer.allocate(byteCount: 65536, alignment: 16)

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
    public func setCloseHandler(_ handler: @escaping () -> Void) { onClose = handler }

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
    public func write(_ bytes: UnsafeRawBufferPointer, completion: ((LoopError?) -> Void)? = nil) {
        guard !isClosed else { completion?(.canceled); return }
        var offset = 0
        if uv_stream_get_write_queue_size(stream) == 0 {
            var buf = uv_buf_t(base: UnsafeMutablePointer(mutating: bytes.baseAddress?.assumingMemoryBound(to: CChar.self)),
                               len: bytes.count)
            let written = uv_try_write(stream, &buf, 1)
            if written == bytes.count { completion?(nil); return }
            if written > 0 { offset = Int(written) }
            else if written != UV_EAGAIN.rawValue { completion?(LoopError(code: written)); return }
        }
        let rest = bytes.count - offset
        let copy = UnsafeMutableRawPointer.allocate(byteCount: rest, alignment: 1)
        copy.copyMemory(from: bytes.baseAddress! + offset, byteCount: rest)
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

    public func write(_ bytes: [UInt8], completion: ((LoopError?) -> Void)? = nil) {
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
    let completion: ((LoopError?) -> Void)?

    init(buffer: UnsafeMutableRawPointer, completion: ((LoopError?) -> Void)?) {
        self.buffer = buffer
        self.completion = completion
    }
}

// libuv callbacks: file-level so they carry no isolation check of their own.
private let readAllocate: uv_alloc_cb = { _, _, buf in
    buf!.pointee.base = TCPConnection.readBuffer.assumingMemoryBound(to: CChar.self)
    buf!.pointee.len = 65536
}

private let readDone: uv_read_cb = { raw, count, _ in
    guard let data = raw?.pointee.data else { return }
    let connection = Unmanaged<TCPConnection>.fromOpaque(data).takeUnretainedValue()
    LoopActor.assumeIsolated { connection.didRead(count) }
}

private let writeDone: uv_write_cb = { req, status in
    let context = Unmanaged<WriteContext>.fromOpaque(req!.pointee.data).takeRetainedValue()
    req!.deallocate()
    context.buffer.deallocate()
    LoopActor.assumeIsolated { context.completion?(status < 0 ? LoopError(code: status) : nil) }
}

private let connectionClosed: uv_close_cb = { raw in
    let connection = Unmanaged<TCPConnection>.fromOpaque(raw!.pointee.data).takeRetainedValue()
    raw!.deallocate()
    LoopActor.assumeIsolated {
        let handler = connection.onClose
        connection.onClose = nil
        handler?()
    }
}
