/// A response status and header fields, encodable as an HTTP/1.1 status line and header section.
public struct ResponseHead: Sendable, Equatable {
    public var status: HTTPStatus
    public var headers: Headers

    public init(status: HTTPStatus = .ok, headers: Headers = Headers()) {
        self.status = status
        self.headers = headers
    }

    /// `HTTP/1.1 100 Continue` and the empty line, sent before reading an expected body.
    public static let continueBytes: [UInt8] = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    /// Appends the encoded head to `buffer` and returns the framing actually used.
    ///
    /// The encoder owns framing and connection management: any `Content-Length`,
    /// `Transfer-Encoding` or `Connection` field in `headers` is dropped and replaced from
    /// `framing` and `keepAlive`. Chunked framing for an HTTP/1.0 request is downgraded to
    /// close-delimited (HTTP/1.0 has no chunked coding), so write the body with a
    /// `ResponseBodyEncoder` built from the returned framing. Fields with an invalid name are
    /// dropped, and control bytes in values (CR, LF, NUL, ...) become spaces, so no header or
    /// response can be injected through a value.
    @discardableResult
    public func encode(
        framing: ResponseFraming, keepAlive: Bool, requestVersion: HTTPVersion = .http1_1,
        into buffer: inout [UInt8]
    ) -> ResponseFraming {
        var effective = framing
        if framing == .chunked && requestVersion != .http1_1 { effective = .closeDelimited }
        let close = !keepAlive || effective.closesConnection

        buffer.reserveCapacity(buffer.count + 64 + headers.storage.count + 4 * headers.count)
        buffer.append(contentsOf: "HTTP/1.1 ".utf8)
        buffer.appendDecimal(status.wireCode)
        buffer.append(ByteClass.space)
        buffer.append(contentsOf: status.reasonPhrase.utf8)
        buffer.appendCRLF()
        appendFields(to: &buffer)

        switch effective {
        case .contentLength(let length):
            buffer.append(contentsOf: "Content-Length: ".utf8)
            buffer.appendDecimal(max(0, length))
            buffer.appendCRLF()
        case .chunked:
            buffer.append(contentsOf: "Transfer-Encoding: chunked\r\n".utf8)
        case .closeDelimited, .noBody:
            break
        }
        if close {
            buffer.append(contentsOf: "Connection: close\r\n".utf8)
        } else if requestVersion != .http1_1 {
            buffer.append(contentsOf: "Connection: keep-alive\r\n".utf8)
        }
        buffer.appendCRLF()
        return effective
    }

    /// The encoded head as a new array; see `encode(framing:keepAlive:requestVersion:into:)`.
    public func encoded(
        framing: ResponseFraming, keepAlive: Bool, requestVersion: HTTPVersion = .http1_1
    ) -> [UInt8] {
        var buffer: [UInt8] = []
        encode(framing: framing, keepAlive: keepAlive, requestVersion: requestVersion, into: &buffer)
        return buffer
    }

    private func appendFields(to buffer: inout [UInt8]) {
        headers.storage.withUnsafeBufferPointer { p in
            for field in headers.fields {
                let name = field.name
                guard Self.isValidName(p, name), !Self.isFramingField(p, name) else { continue }
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: p[name]))
                buffer.append(ByteClass.colon)
                buffer.append(ByteClass.space)
                Self.appendSanitizedValue(p, field.value, to: &buffer)
                buffer.appendCRLF()
            }
        }
    }

    static func isValidName(_ p: UnsafeBufferPointer<UInt8>, _ name: Range<Int>) -> Bool {
        !name.isEmpty && name.allSatisfy { ByteClass.isToken(p[$0]) }
    }

    static func isFramingField(_ p: UnsafeBufferPointer<UInt8>, _ name: Range<Int>) -> Bool {
        ByteClass.equalsLowercase(p, name, "content-length")
            || ByteClass.equalsLowercase(p, name, "transfer-encoding")
            || ByteClass.equalsLowercase(p, name, "connection")
    }

    /// Copies a value, turning every byte a field value may not hold into a space.
    static func appendSanitizedValue(_ p: UnsafeBufferPointer<UInt8>, _ value: Range<Int>, to buffer: inout [UInt8]) {
        if value.allSatisfy({ ByteClass.isFieldValue(p[$0]) }) {
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: p[value]))
        } else {
            for index in value {
                buffer.append(ByteClass.isFieldValue(p[index]) ? p[index] : ByteClass.space)
            }
        }
    }
}

extension [UInt8] {
    @inline(__always)
    mutating func appendCRLF() {
        append(ByteClass.cr)
        append(ByteClass.lf)
    }

    /// Appends a non-negative integer in decimal.
    mutating func appendDecimal(_ value: Int) {
        var remaining = UInt(Swift.max(0, value))
        var digits = 1
        var scan = remaining
        while scan >= 10 {
            scan /= 10
            digits += 1
        }
        var index = count + digits - 1
        append(contentsOf: repeatElement(0x30, count: digits))
        repeat {
            self[index] = UInt8(truncatingIfNeeded: remaining % 10) &+ 0x30
            remaining /= 10
            index -= 1
        } while remaining > 0
    }
}
