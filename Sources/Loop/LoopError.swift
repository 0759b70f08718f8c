import CLibUV

/// A libuv failure: the negative status code and libuv's name for it.
public struct LoopError: Error, Sendable, CustomStringConvertible, Equatable {
    public let code: Int32

    public init(code: Int32) { self.code = code }

    public var name: String { String(cString: uv_err_name(code)) }
    public var description: String { "\(name): \(String(cString: uv_strerror(code)))" }

    public static let endOfFile = LoopError(code: UV_EOF.rawValue)
    public static let canceled = LoopError(code: UV_ECANCELED.rawValue)
    public static let connectionReset = LoopError(code: UV_ECONNRESET.rawValue)

    @inline(__always)
    static func check(_ rc: Int32) throws(LoopError) {
        if rc < 0 { throw LoopError(code: rc) }
    }
}

/// Frees a handle's memory once libuv has closed it; shared by every handle type.
let freeHandle: uv_close_cb = { raw in raw?.deallocate() }
