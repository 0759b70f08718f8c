// Opening, filling and closing content blocks as parts arrive.

extension GeminiStreamDecoder {
    mutating func add(_ part: GeminiChunk.Part, into events: inout [StreamEvent]) {
        switch part {
        case .text(let text, true, let signature):
            let index = openBlock(thinking: true, into: &events)
            if !text.isEmpty { events.append(.thinking(index: index, text)) }
            if let signature {
                events.append(.thinkingSignature(index: index, GeminiSignature.canonical(signature)))
                closeBlock(into: &events)
            }
        case .text(let text, false, let signature):
            if let signature { signatureBlock(signature, into: &events) }
            guard !text.isEmpty else { return }
            let index = openBlock(thinking: false, into: &events)
            events.append(.text(index: index, text))
        case .call(let name, let args, let id, let signature):
            if let signature { signatureBlock(signature, into: &events) } else { closeBlock(into: &events) }
            let index = nextIndex
            nextIndex += 1
            events.append(.toolCallStart(index: index, id: id ?? nextCallID(name: name, args: args), name: name))
            events.append(.toolCallArguments(index: index, args))
            events.append(.blockStop(index: index))
            callCount += 1
        case .inlineData:
            // Generated media has no canonical stream event; chat translation does not ask for it.
            return
        }
    }

    /// The index of the open block of the kind, opening one (and closing another) if needed.
    mutating func openBlock(thinking: Bool, into events: inout [StreamEvent]) -> Int {
        switch open {
        case .thinking(let index)? where thinking: return index
        case .text(let index)? where !thinking: return index
        default:
            closeBlock(into: &events)
            let index = nextIndex
            nextIndex += 1
            open = thinking ? .thinking(index) : .text(index)
            return index
        }
    }

    mutating func closeBlock(into events: inout [StreamEvent]) {
        switch open {
        case .text(let index)?, .thinking(let index)?:
            events.append(.blockStop(index: index))
            open = nil
        case nil:
            return
        }
    }

    /// A block holding only a signature (Gemini's, tagged), for the part that follows it.
    mutating func signatureBlock(_ signature: String, into events: inout [StreamEvent]) {
        closeBlock(into: &events)
        let index = nextIndex
        nextIndex += 1
        events.append(.thinkingSignature(index: index, GeminiSignature.canonical(signature)))
        events.append(.blockStop(index: index))
    }

    /// The same ids `GeminiResponseDecoder` gives the same response.
    mutating func nextCallID(name: String, args: String) -> String {
        let tag = self.tag ?? GeminiToolCallID.tag(responseID: responseID, firstCallName: name,
                                                   firstCallArguments: args.utf8)
        self.tag = tag
        return GeminiToolCallID.make(tag: tag, index: callCount, name: name)
    }
}
