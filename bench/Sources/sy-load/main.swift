// sy-load: the bench's own load generator, on Switchyard's libuv loop (one thread).
//
//   sy-load streams   --target HOST:PORT --body FILE [--streams 5000] [--ramp-ms 1000]
//                     [--deadline-s 120] [--watch-pid PID] [--path /v1/chat/completions]
//   sy-load keepalive --target HOST:PORT --body FILE --requests N [--path ...]
//
// `streams` opens one connection per stream (raw HTTP/1.1, `Connection: close`), ramps them up
// over --ramp-ms, and timestamps each stream's connect, request written, response head, first
// SSE `data:` and end with `uv_hrtime`. `keepalive` sends N requests one after another over one
// keep-alive connection (the callgrind driver). Both print one JSON object on stdout.
import Foundation
import Loop

let arguments = Array(CommandLine.arguments.dropFirst())
guard let mode = arguments.first, ["streams", "keepalive"].contains(mode) else {
    FileHandle.standardError.write(Data("usage: sy-load streams|keepalive --target HOST:PORT --body FILE [options]\n".utf8))
    exit(2)
}
let options = Options(Array(arguments.dropFirst()))

let finished = DispatchSemaphore(value: 0)
let output = OutputSlot()
EventLoop.shared.spawn {
    do {
        switch mode {
        case "streams": output.text = try await StreamLoad(options).run()
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
