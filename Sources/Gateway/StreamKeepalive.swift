import HTTP
import Loop

/// Writes an SSE comment to a stream's client while the upstream is silent before its first
/// token, so that proxies and load balancers between the gateway and the client, which commonly
/// drop a connection silent for 60 s, keep it while a reasoning model thinks.
///
/// A comment line (`: keepalive`) is part of the SSE grammar in both dialects, and the official
/// SDKs' parsers skip it. Not Anthropic's `ping` event: Anthropic sends that only after
/// `message_start`, and a client may expect `message_start` first. Invariant: a comment goes out only while the client has been sent
/// nothing but earlier comments, so it never lands inside an event. Lifecycle: `start`, then
/// `stop` once the first piece is relayed (the timer's memory is freed in its close callback).
@LoopActor
final class StreamKeepalive {
    static let comment: [UInt8] = Array(": keepalive\n\n".utf8)

    private let timer: LoopTimer
    private unowned let writer: ResponseWriter
    /// Body bytes the comments account for: any other byte written ends them.
    private var written = 0

    private init(writer: ResponseWriter) {
        self.writer = writer
        self.timer = LoopTimer()
    }

    /// Starts sending a comment every `intervalMs` of silence on `writer`'s started stream.
    static func start(_ writer: ResponseWriter, every intervalMs: Int) -> StreamKeepalive {
        let keepalive = StreamKeepalive(writer: writer)
        let interval = UInt64(max(1, intervalMs))
        keepalive.timer.start(after: interval, repeatEvery: interval) { [unowned keepalive] in keepalive.fire() }
        return keepalive
    }

    private func fire() {
        guard writer.bytesWritten == written, !writer.isFinished, !writer.isClientGone else {
            stop()
            return
        }
        // No drain wait: a client too slow to take 13 bytes every few seconds is left to the
        // writer's own high-water logic when the relay writes next.
        writer.writeNow(Self.comment)
        written = writer.bytesWritten
    }

    func stop() {
        timer.close()
    }
}
