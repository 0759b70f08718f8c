import HTTP
import Loop
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A simulated LLM provider on the loop: OpenAI's chat-completions API with deterministic
/// content, configurable latency and throughput, and injected faults (statuses, resets, stalls,
/// slow drip, malformed chunks), for every model or per model.
@LoopActor
public final class SimServer {
    public let options: SimOptions
    /// What has been served so far.
    public internal(set) var stats = SimStats()
    let loop: EventLoop
    var injector: FaultInjector
    /// Draws response ids; seeded from the options so ids repeat across runs too.
    var ids: SimRandom
    private var server: HTTPServer?

    public init(options: SimOptions = SimOptions(), loop: EventLoop = .shared) {
        self.options = options
        self.loop = loop
        injector = FaultInjector(options: options)
        ids = SimRandom(seed: options.seed ^ 0x5EED_1D5)
    }

    /// Binds and starts serving; returns the bound port (pass 0 for an ephemeral one).
    @discardableResult
    public func start(host: String, port: Int) throws(LoopError) -> Int {
        // Weak: open connections may outlive this object; they then get the server's 500.
        let server = HTTPServer(loop: loop) { [weak self] request, writer in
            await self?.handle(request, writer)
        }
        let bound = try server.listen(host: host, port: port)
        self.server = server
        return bound
    }

    /// Stops accepting connections; requests in flight run to their end. The HTTP server stays
    /// referenced because its open connections point back at it.
    public func close() {
        server?.close()
    }

    /// The wall clock in Unix seconds, for `created` fields.
    static func unixTime() -> Int {
        Int(time(nil))
    }
}
