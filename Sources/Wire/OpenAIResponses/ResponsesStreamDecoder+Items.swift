// Output items → canonical blocks: opening them, their deltas, and closing them with whatever
// the finished item holds beyond what the deltas gave.
//
// Items are found by `output_index`, else by `item_id`, so a server that leaves one out still
// matches. A delta for an unknown item opens it; a function call's arguments wait for an item
// event that names the call (OpenAI's `output_item.added` always does), since a call cannot
// start without its id and name, and its done event or the final response then delivers them.

extension ResponsesStreamDecoder {
    mutating func itemAdded(_ data: JSONValue, into events: inout [StreamEvent]) {
        let outputIndex = data["output_index"]?.int
        guard let element = data["item"],
              let item = ResponsesOutputItem(decoding: element, index: outputIndex ?? slots.count) else { return }
        let i = slot(outputIndex: outputIndex, itemID: item.id, like: item.content)
        guard !slots[i].done, slots[i].item.content.sameKind(as: item.content) else { return }
        if case .functionCall = item.content {
            sawFunctionCall = true
            if slots[i].block == nil {
                slots[i].item.content = item.with(arguments: "")
                open(i, into: &events)
            }
        }
        // An added item is normally empty; a server that sends content with it is not ignored.
        advance(i, to: item, into: &events)
    }

    /// A text, refusal, arguments or reasoning delta. `part` is the delta's summary or content
    /// index: a reasoning item's parts are joined by a blank line.
    mutating func delta(_ data: JSONValue, like kind: ResponsesOutputItem.Content, part: JSONValue? = nil,
                        into events: inout [StreamEvent]) {
        guard var fragment = data["delta"]?.string, !fragment.isEmpty else { return }
        start(nil, into: &events)
        let i = slot(outputIndex: data["output_index"]?.int, itemID: data["item_id"]?.string, like: kind)
        guard !slots[i].done, slots[i].item.content.sameKind(as: kind) else { return }
        if case .functionCall = kind, slots[i].block == nil { return }
        if let part = part?.int, part != slots[i].part {
            slots[i].part = part
            if !slots[i].item.streamedText.isEmpty { fragment = "\n\n" + fragment }
        }
        emit(fragment, slot: i, into: &events)
    }

    mutating func itemDone(_ data: JSONValue, into events: inout [StreamEvent]) {
        let outputIndex = data["output_index"]?.int
        guard let element = data["item"],
              let item = ResponsesOutputItem(decoding: element, index: outputIndex ?? slots.count) else { return }
        finishItem(item, outputIndex: outputIndex, into: &events)
    }

    /// Brings the item's block up to the finished `item` and closes it, unless already done.
    mutating func finishItem(_ item: ResponsesOutputItem, outputIndex: Int?, into events: inout [StreamEvent]) {
        let i = slot(outputIndex: outputIndex, itemID: item.id, like: item.content)
        guard !slots[i].done, slots[i].item.content.sameKind(as: item.content) else { return }
        if case .functionCall = item.content {
            sawFunctionCall = true
            if slots[i].block == nil {
                slots[i].item.content = item.with(arguments: "")
                open(i, into: &events)
            }
        }
        advance(i, to: item, into: &events)
        if case .reasoning(_, let signature?) = item.content {
            if slots[i].block == nil { open(i, into: &events) }
            events.append(.thinkingSignature(index: slots[i].block!, signature))
        }
        close(i, into: &events)
    }

    /// Ends the item: `.blockStop` if it opened a block.
    mutating func close(_ i: Int, into events: inout [StreamEvent]) {
        slots[i].done = true
        if let block = slots[i].block { events.append(.blockStop(index: block)) }
    }

    /// Emits the rest of `item`'s text when what was streamed is a prefix of it; a server whose
    /// final text differs from its deltas keeps the deltas, which the client already has.
    private mutating func advance(_ i: Int, to item: ResponsesOutputItem, into events: inout [StreamEvent]) {
        let full = item.streamedText.utf8
        let streamed = slots[i].item.streamedText.utf8
        guard full.count > streamed.count, full.starts(with: streamed),
              let rest = String(full.dropFirst(streamed.count)) else { return }
        emit(rest, slot: i, into: &events)
    }

    private mutating func emit(_ fragment: String, slot i: Int, into events: inout [StreamEvent]) {
        if slots[i].block == nil { open(i, into: &events) }
        let block = slots[i].block!
        switch slots[i].item.content {
        case .message: events.append(.text(index: block, fragment))
        case .functionCall: events.append(.toolCallArguments(index: block, fragment))
        case .reasoning: events.append(.thinking(index: block, fragment))
        }
        slots[i].item.append(fragment)
    }

    /// Gives the item its block; a function call's block opens with `.toolCallStart`.
    private mutating func open(_ i: Int, into events: inout [StreamEvent]) {
        let block = nextBlock
        nextBlock += 1
        slots[i].block = block
        if case .functionCall(let callID, let name, _) = slots[i].item.content {
            events.append(.toolCallStart(index: block, id: callID, name: name))
        }
    }

    /// The slot of the item, made (empty, of `kind`) when it is new.
    private mutating func slot(outputIndex: Int?, itemID: String?, like kind: ResponsesOutputItem.Content) -> Int {
        let id = itemID.flatMap { $0.isEmpty ? nil : $0 }
        if let found = slots.indices.last(where: { i in
            if let outputIndex, slots[i].outputIndex == outputIndex { return true }
            return id != nil && slots[i].itemID == id
        }) {
            if slots[found].itemID == nil { slots[found].itemID = id }
            if slots[found].outputIndex == nil { slots[found].outputIndex = outputIndex }
            return found
        }
        let empty = ResponsesOutputItem(id: id ?? "", content: kind.emptied, status: .inProgress)
        slots.append(Slot(outputIndex: outputIndex, itemID: id, item: empty))
        return slots.count - 1
    }
}

extension ResponsesOutputItem {
    /// A function call's content with other arguments; other content unchanged.
    fileprivate func with(arguments: String) -> Content {
        guard case .functionCall(let callID, let name, _) = content else { return content }
        return .functionCall(callID: callID, name: name, arguments: arguments)
    }
}

extension ResponsesOutputItem.Content {
    /// The same kind with no text (a function call keeps its id and name).
    fileprivate var emptied: Self {
        switch self {
        case .message: .message(text: "")
        case .functionCall(let callID, let name, _): .functionCall(callID: callID, name: name, arguments: "")
        case .reasoning: .reasoning(summary: "", signature: nil)
        }
    }
}
