import HTTP
import HTTP1

extension SimServer {
    /// Most content pieces batched into one write, so an unpaced stream still yields to the
    /// writer's back-pressure every few kilobytes.
    static let maxPiecesPerWrite = 64

    /// How a stream ended.
    enum StreamEnd {
        case completed, cancelled, reset
    }

    /// Streams `completion`: the head and first piece at the time-to-first-token, piece `i` at
    /// `faults.dueMs(piece: i)`, every piece that is due sent in one write, with the plan's
    /// faults on the way. Per stream the state is this task's frame and one pacer; no thread,
    /// and nothing runs while it waits.
    func stream(_ completion: SimCompletion, encoder: some SimStreamEncoding, timing: SimTiming,
                faults: SimFaultPlan = SimFaultPlan(), headers: Headers, to writer: ResponseWriter) async {
        stats.streamsStarted += 1
        stats.activeStreams += 1
        let pacer = Pacer(loop: loop)
        writer.onClientGone { pacer.cancel() }
        let end = await pace(completion, encoder: encoder, timing: timing, faults: faults, headers: headers,
                             pacer: pacer, writer: writer)
        pacer.close()
        stats.activeStreams -= 1
        switch end {
        case .completed: stats.streamsCompleted += 1
        case .cancelled: stats.streamsCancelled += 1
        case .reset: stats.streamsReset += 1
        }
    }

    private func pace(_ completion: SimCompletion, encoder: some SimStreamEncoding, timing: SimTiming,
                      faults: SimFaultPlan, headers: Headers, pacer: Pacer, writer: ResponseWriter) async -> StreamEnd {
        let start = loop.now
        let pieceCount = completion.streamPieceCount
        // A fault point past the last piece happens just before the closing events.
        let resetAt = faults.resetAt.map { min($0, pieceCount) }
        let malformedAt = faults.malformedAt.map { min($0, pieceCount) }
        var head = headers
        head.append(name: "Content-Type", value: encoder.contentType)
        head.append(name: "Cache-Control", value: "no-cache")
        // A thinking model's head (and Anthropic's `message_start`) goes out before it thinks.
        let thinking = timing.thinkMs > 0 && resetAt != 0
        if thinking {
            writer.startStream(status: .ok, headers: head)
            if encoder.opensBeforeThinking {
                var opening: [UInt8] = []
                encoder.appendOpening(to: &opening)
                guard await writer.write(opening) else { return .cancelled }
            }
        }
        guard await pacer.sleep(milliseconds: faults.dueMs(piece: 0, timing: timing)), !writer.isClientGone else {
            return .cancelled
        }
        if resetAt == 0 {
            reset(writer)
            return .reset
        }
        // The head goes out with the first piece, in one write (it is due now).
        if !thinking { writer.startStream(status: .ok, headers: head, holdingHead: true) }

        var out: [UInt8] = []
        out.reserveCapacity(1024)
        if !(thinking && encoder.opensBeforeThinking) { encoder.appendOpening(to: &out) }
        var next = 0
        while true {
            let elapsed = loop.now &- start
            let limit = resetAt.map { $0 > next ? $0 : pieceCount } ?? pieceCount
            var end = next
            while end < limit, end - next < Self.maxPiecesPerWrite,
                  faults.dueMs(piece: end, timing: timing) <= elapsed {
                end += 1
            }
            if end == next, next < pieceCount {
                writer.flushHead()
                let wait = faults.dueMs(piece: next, timing: timing) - elapsed
                guard await pacer.sleep(milliseconds: wait) else { return .cancelled }
                continue
            }
            for index in next..<end {
                if index == malformedAt { appendMalformed(encoder, to: &out) }
                encoder.appendPiece(index, of: completion, to: &out)
            }
            next = end
            if next == resetAt {
                _ = await writer.write(out)
                reset(writer)
                return .reset
            }
            if next == pieceCount {
                if malformedAt == pieceCount { appendMalformed(encoder, to: &out) }
                encoder.appendClosing(completion, to: &out)
            }
            // The last pieces and the body's end go out in one write.
            if next == pieceCount { break }
            guard await writer.write(out) else { return .cancelled }
            out.removeAll(keepingCapacity: true)
        }
        return writer.finish(after: out) ? .completed : .cancelled
    }

    private func appendMalformed(_ encoder: some SimStreamEncoding, to out: inout [UInt8]) {
        stats.malformedInjected += 1
        encoder.appendMalformed(to: &out)
    }
}
