import Foundation
import Loop

/// Holds `--streams` concurrent SSE streams, one connection each, and reports their timings,
/// failures and (with `--watch-pid`) the watched process's resident memory over the run.
@LoopActor
final class StreamLoad {
    private let options: Options
    private var clients: [StreamClient] = []
    private var count = 0
    private var active = 0
    private var ended = 0
    private(set) var peakActive = 0
    private var waiter: CheckedContinuation<Void, Never>?
    private var samples: [(rss: Int, active: Int)] = []

    init(_ options: Options) { self.options = options }

    func run() async throws -> String {
        let address = try options.target().address
        let request = try options.request(keepAlive: false)
        count = try options.int("streams", 5000)
        let rampMs = try options.int("ramp-ms", 1000)
        let deadlineS = try options.int("deadline-s", 120)
        let watchPid = try options.int("watch-pid", 0)
        let sampleMs = UInt64(try options.int("sample-ms", 50))
        guard count > 0 else { throw LoadError("--streams must be positive") }

        let sampler = LoopTimer()
        let idleRSS = watchPid > 0 ? residentKiB(pid: watchPid) : nil
        let cpuBefore = watchPid > 0 ? cpuMilliseconds(pid: watchPid) : nil
        if watchPid > 0 {
            sampler.start(after: sampleMs, repeatEvery: sampleMs) { [unowned self] in
                if let rss = residentKiB(pid: watchPid) { samples.append((rss, active)) }
            }
        }
        let deadline = LoopTimer()
        deadline.start(after: UInt64(deadlineS) * 1000) { [unowned self] in
            for client in clients { client.fail("deadline") }
        }

        // Ramp: by time t, count * t / ramp streams are open (the first at once).
        let t0 = EventLoop.hrtime()
        clients.reserveCapacity(count)
        while clients.count < count {
            let elapsedMs = Double(EventLoop.hrtime() - t0) / 1e6
            let due = rampMs <= 0 ? count
                : min(count, max(1, Int((Double(count) * elapsedMs / Double(rampMs)).rounded(.up))))
            while clients.count < due {
                let client = StreamClient(owner: self)
                clients.append(client)
                client.start(address: address, request: request)
            }
            if clients.count < count { await EventLoop.shared.sleep(milliseconds: 1) }
        }
        let rampDone = EventLoop.hrtime()
        if ended < count {
            await withCheckedContinuation { waiter = $0 }
        }
        let t1 = EventLoop.hrtime()
        deadline.close()
        sampler.close()
        if watchPid > 0, let rss = residentKiB(pid: watchPid) { samples.append((rss, active)) }
        var cpuMs: Int?
        if let before = cpuBefore, let after = cpuMilliseconds(pid: watchPid) { cpuMs = after - before }
        if let path = try? options.string("dump") { dump(to: path, t0: t0) }
        return report(t0: t0, wallNs: t1 - t0, rampNs: rampDone - t0, idleRSS: idleRSS, cpuMs: cpuMs,
                      watchPid: watchPid)
    }

    func streamConnected() {
        active += 1
        peakActive = max(peakActive, active)
    }

    func streamEnded(_ client: StreamClient) {
        if client.connected { active -= 1 }
        ended += 1
        if ended == count, let waiter {
            self.waiter = nil
            waiter.resume()
        }
    }

    /// Writes one line per stream (start offset, connect, TTFT, in ms) for looking at where in
    /// the ramp the slow ones fall.
    private func dump(to path: String, t0: UInt64) {
        var text = "start_ms connect_ms ttft_ms\n"
        for c in clients where c.failure == nil {
            text += String(format: "%.3f %.3f %.3f\n", Double(c.tStart - t0) / 1e6,
                           Double(c.tConnected - c.tStart) / 1e6, Double(c.tFirstData - c.tSent) / 1e6)
        }
        FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
    }

    private func report(t0: UInt64, wallNs: UInt64, rampNs: UInt64, idleRSS: Int?, cpuMs: Int?, watchPid: Int) -> String {
        let ok = clients.filter { $0.failure == nil }
        var failures: [String: Int] = [:]
        for client in clients { if let reason = client.failure { failures[reason, default: 0] += 1 } }
        let connect = Distribution(clients.filter(\.connected).map { $0.tConnected - $0.tStart })
        let ttft = Distribution(ok.map { $0.tFirstData - $0.tSent })
        let head = Distribution(ok.map { $0.tHead - $0.tSent })
        let duration = Distribution(ok.map { $0.tEnd - $0.tSent })
        let chunks = ok.isEmpty ? 0 : ok.map(\.reads).reduce(0, +) / ok.count
        let failuresJSON = failures.sorted { $0.key < $1.key }
            .map { "\"\($0.key.replacingOccurrences(of: "\"", with: "'"))\":\($0.value)" }.joined(separator: ",")
        var rssJSON = "null"
        if watchPid > 0 {
            let maxRSS = samples.map(\.rss).max()
            let atPeak = samples.filter { $0.active == peakActive }.map(\.rss).max()
            func i(_ v: Int?) -> String { v.map(String.init) ?? "null" }
            rssJSON = "{\"pid\":\(watchPid),\"idle_kib\":\(i(idleRSS)),\"max_kib\":\(i(maxRSS)),"
                + "\"at_peak_active_kib\":\(i(atPeak)),\"samples\":\(samples.count),\"cpu_ms\":\(i(cpuMs))}"
        }
        return "{\"streams\":\(count),\"ok\":\(ok.count),\"failed\":\(count - ok.count),\"failures\":{\(failuresJSON)},"
            + "\"t0_monotonic_ns\":\(t0),\"peak_active\":\(peakActive),\"wall_ms\":\(String(format: "%.1f", Double(wallNs) / 1e6)),"
            + "\"ramp_ms\":\(String(format: "%.1f", Double(rampNs) / 1e6)),\"reads_per_stream\":\(chunks),"
            + "\"connect\":\(connect.json),\"head\":\(head.json),\"ttft\":\(ttft.json),\"duration\":\(duration.json),"
            + "\"rss\":\(rssJSON)}"
    }
}

/// One stream: connect, send, read the head, watch the SSE body for the first `data:` and for
/// `[DONE]`, and require the chunked terminator before the server closes.
@LoopActor
final class StreamClient {
    unowned let owner: StreamLoad
    private var connection: TCPConnection?
    private(set) var connected = false
    private var isEnded = false
    private(set) var failure: String?

    private(set) var tStart: UInt64 = 0
    private(set) var tConnected: UInt64 = 0
    private(set) var tSent: UInt64 = 0
    private(set) var tHead: UInt64 = 0
    private(set) var tFirstData: UInt64 = 0
    private(set) var tEnd: UInt64 = 0
    private(set) var reads = 0

    private var head: [UInt8] = []
    private var status = 0
    private var inBody = false
    private var data = PatternMatcher("data:")
    private var done = PatternMatcher("[DONE]")
    private var sawData = false
    private var sawDone = false
    /// The last five body bytes, for the chunked terminator `0\r\n\r\n`.
    private var last5: UInt64 = 0
    private static let terminator: UInt64 = 0x30_0D_0A_0D_0A

    init(owner: StreamLoad) { self.owner = owner }

    func start(address: SocketAddress, request: [UInt8]) {
        tStart = EventLoop.hrtime()
        EventLoop.shared.spawn { [self] in
            let connection: TCPConnection
            do throws(LoopError) {
                connection = try await TCPConnection.connect(to: address)
            } catch {
                fail("connect \(error.name)")
                return
            }
            guard !isEnded else { connection.close(); return }
            self.connection = connection
            connected = true
            tConnected = EventLoop.hrtime()
            owner.streamConnected()
            connection.startReading { [unowned self] result in received(result) }
            connection.write(request) { [unowned self] error in
                if let error { fail("write \(error.name)") }
            }
            tSent = EventLoop.hrtime()
        }
    }

    private func received(_ result: Result<UnsafeRawBufferPointer, LoopError>) {
        guard !isEnded else { return }
        let now = EventLoop.hrtime()
        switch result {
        case .success(let bytes):
            reads += 1
            if inBody {
                scan(bytes, at: now)
                return
            }
            if tHead == 0 { tHead = now }
            head.append(contentsOf: bytes)
            guard let end = headEnd() else {
                if head.count > 16384 { fail("head too large") }
                return
            }
            status = head.count >= 12 ? Int(String(decoding: head[9 ..< 12], as: UTF8.self)) ?? 0 : 0
            inBody = true
            let rest = Array(head[end...])
            head = []
            rest.withUnsafeBytes { scan($0, at: now) }
        case .failure(let error):
            guard error == .endOfFile else { fail("read \(error.name)"); return }
            if status != 200 { fail(status == 0 ? "eof before head" : "status \(status)") }
            else if !sawDone { fail("eof before [DONE]") }
            else if last5 != Self.terminator { fail("no chunked terminator") }
            else { end() }
        }
    }

    private func scan(_ bytes: UnsafeRawBufferPointer, at now: UInt64) {
        for byte in bytes {
            if !sawData && data.feed(byte) {
                sawData = true
                tFirstData = now
            }
            if done.feed(byte) { sawDone = true }
            last5 = ((last5 << 8) | UInt64(byte)) & 0xFF_FFFF_FFFF
        }
    }

    private func headEnd() -> Int? {
        guard head.count >= 4 else { return nil }
        for i in 0 ... head.count - 4
        where head[i] == 13 && head[i + 1] == 10 && head[i + 2] == 13 && head[i + 3] == 10 {
            return i + 4
        }
        return nil
    }

    func fail(_ reason: String) {
        guard !isEnded else { return }
        failure = reason
        end()
    }

    private func end() {
        guard !isEnded else { return }
        isEnded = true
        tEnd = EventLoop.hrtime()
        connection?.close()
        connection = nil
        owner.streamEnded(self)
    }
}

/// Finds a pattern in a byte stream split anywhere; correct for patterns with no proper
/// prefix that is also a suffix (true of `data:` and `[DONE]`).
struct PatternMatcher {
    private let pattern: [UInt8]
    private var matched = 0

    init(_ text: String) { pattern = Array(text.utf8) }

    mutating func feed(_ byte: UInt8) -> Bool {
        if byte == pattern[matched] {
            matched += 1
            if matched == pattern.count {
                matched = 0
                return true
            }
        } else {
            matched = byte == pattern[0] ? 1 : 0
        }
        return false
    }
}
