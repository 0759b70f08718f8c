import HTTP
import HTTP1

extension SimServer {
    /// The faults for one chat request to `model`: drawn from that model's settings, then
    /// overridden by the request's `x-sim-*` headers.
    func faultPlan(model: String, timing: SimTiming, headers: Headers) throws(SimError) -> SimFaultPlan {
        let plan = try SimFaultPlan(faults: options.faults(forModel: model), timing: timing, headers: headers,
                                    injector: &injector)
        if plan.stallMs > 0 { stats.stallsInjected += 1 }
        return plan
    }

    /// Drops the connection without finishing the response: the client's read fails as it
    /// would on a provider that crashed or a load balancer that gave up.
    func reset(_ writer: ResponseWriter) {
        stats.resetsInjected += 1
        writer.abortConnection()
    }

    /// Sends a whole (non-streamed) answer once generating it would have taken, with the plan's
    /// faults: late by its stall and drip, dropped before the head, or cut in half.
    func answerWhole(_ body: [UInt8], contentType: String = "application/json", pieces: Int, timing: SimTiming,
                     faults: SimFaultPlan, headers: Headers, to writer: ResponseWriter) async {
        let delay = faults.totalMs(pieces: pieces, timing: timing)
        if delay > 0 {
            let pacer = Pacer(loop: loop)
            writer.onClientGone { pacer.cancel() }
            let waited = await pacer.sleep(milliseconds: delay)
            pacer.close()
            guard waited else { return }
        }
        if faults.resetAt != nil { return reset(writer) }
        var body = body
        if faults.malformedAt != nil {
            stats.malformedInjected += 1
            body = Array(body.prefix(body.count / 2))
        }
        var headers = headers
        headers.append(name: "Content-Type", value: contentType)
        writer.respond(status: .ok, headers: headers, body: body)
    }
}
