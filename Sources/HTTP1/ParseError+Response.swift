/// The response a connection sends for a rejected request.
extension ParseError {
    /// A complete plain-text response (status, `Connection: close`, the message as body).
    public var responseBytes: [UInt8] {
        var headers = Headers(reservingFields: 1, bytes: 40)
        headers.append(name: "Content-Type", value: "text/plain; charset=utf-8")
        let body = Array((message + "\n").utf8)
        var bytes = ResponseHead(status: status, headers: headers)
            .encoded(framing: .contentLength(body.count), keepAlive: false)
        bytes.append(contentsOf: body)
        return bytes
    }
}
