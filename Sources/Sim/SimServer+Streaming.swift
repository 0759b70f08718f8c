import HTTP
import HTTP1

extension SimServer {
    /// Most content pieces batched into one write, so an unpaced stream still yields to the
    /// writer's back-pressure every few kilobytes.
    static let maxPiecesPerWrite = 64

    /// Streams `completion`: the head and first piece at the time-to-first-token, piece `i` at
    /// `timing.dueMs(piece: i)`, every piece that is due sent in one write. Per stream the state is
    /// this task's frame and one pacer; no thread, and nothing runs while it waits.
    func stream(_ completion: SimCompletion, encoder: some SimStreamEncoding, timing: SimTiming,
                headers: Headers, to writer: ResponseWriter) async {
        stats.streamsStarted += 1
        stats.activeStreams += 1
        let pacer = Pacer(loop: loop)
        writer.onClientGone { pacer.cancel() }
        let finished = await pace(completion, encoder: encoder, timing: timing, headers: headers,
                                  pacer: pacer, writer: writer)
        pacer.close()
        stats.activeStreams -= 1
        if finished {
            stats.streamsCompleted += 1
        } else {
            stats.streamsCancelled += 1
        }
    }

    /// Returns true once `[DONE]` went out, false when the client went away first.
    private func pace(_ completion: SimCompletion, encoder: some SimStreamEncoding, timing: SimTiming,
                      headers: Headers, pacer: Pacer, writer: ResponseWriter) async -> Bool {
        let start = loop.now
        guard await pacer.sleep(milliseconds: timing.ttftMs), !writer.isClientGone else { return false }
        var head = headers
        head.append(name: "Content-Type", value: encoder.contentType)
        head.append(name: "Cache-Control", value: "no-cache")
        writer.startStream(status: .ok, headers: head)

        let pieceCount = completion.streamPieceCount
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        encoder.appendOpening(to: &out)
        var next = 0
        while true {
            let elapsed = loop.now &- start
            var end = next
            while end < pieceCount, end - next < Self.maxPiecesPerWrite,
                  timing.dueMs(piece: end) <= elapsed {
                end += 1
            }
            if end == next, next < pieceCount {
                let wait = timing.dueMs(piece: next) - elapsed
                guard await pacer.sleep(milliseconds: wait) else { return false }
                continue
            }
            for index in next..<end { encoder.appendPiece(index, of: completion, to: &out) }
            next = end
            if next == pieceCount { encoder.appendClosing(completion, to: &out) }
            guard await writer.write(out) else { return false }
            if next == pieceCount { break }
            out.removeAll(keepingCapacity: true)
        }
        writer.finish()
        return true
    }
}
