// sy-load: the bench's own load generator, on Switchyard's libuv loop (one thread).
//
//   sy-load streams   --target HOST:PORT --body FILE [--streams 5000] [--ramp-ms 1000]
//                     [--deadline-s 120] [--watch-pid PID] [--path /v1/chat/completions]
//   sy-load keepalive --target HOST:PORT --body FILE --requests N [--path ...]
//   sy-load paced     --target HOST:PORT --body FILE --rate RPS --duration-s S [--connections 32]
//
// `streams` opens one connection per stream (raw HTTP/1.1, `Connection: close`), ramps them up
// over --ramp-ms, and timestamps each stream's connect, request written, response head, first
// SSE `data:` and end with `uv_hrtime`. `keepalive` sends N requests one after another over one
// keep-alive connection (the callgrind driver). `paced` offers a fixed request rate over
// keep-alive connections and measures latency from each request's scheduled time. Each mode
// prints one JSON object on stdout.
import Foundation
import Loop

let arguments = Array(CommandLine.arguments.dropFirst())
guard let mode = arguments.first, ["streams", "keepalive", "paced"].contains(mode) else {
    FileHandle.standardError.write(Data("usage: sy-load streams|keepalive|paced --target HOST:PORT --body FILE [options]\n".utf8))
    exit(2)
}
let options = Options(Array(arguments.dropFirst()))
// The load generator opens thousands of sockets in a burst: its descriptor table must not grow
// mid-ramp (a 7-15 ms stall per doubling, which would count against every target's TTFT), nor
// its allocator merge a burst's worth of parked small frees inside one malloc.
HeapTuning.avoidDeferredCoalescing()
DescriptorTable.reserve()

let finished = DispatchSemaphore(value: 0)
let output = OutputSlot()
EventLoop.shared.spawn {
    do {
        switch mode {
        case "streams": output.text = try await StreamLoad(options).run()
        case "paced": output.text = try await PacedLoad(options).run()
        default: output.text = try await KeepAliveLoad(options).run()
        }
    } catch {
        output.error = "\(error)"
    }
    finished.signal()
}
finished.wait()
if let error = output.error {
    FileHandle.standardError.write(Data("sy-load: \(error)\n".utf8))
    exit(1)
}
FileHandle.standardOutput.write(Data((output.text + "\n").utf8))
exit(0)

/// Carries the result from the loop thread to the main thread (ordered by the semaphore).
final class OutputSlot: @unchecked Sendable {
    var text = ""
    var error: String?
}
