import Wire

/// Decides, without any dialect in view, whether a chat request is answered with tool calls and
/// which; the dialects render the calls their own way.
///
/// The rule, deterministic:
/// 1. No declared tools, or a choice of `none`: no calls.
/// 2. A choice naming a declared tool: one call to it.
/// 3. Otherwise the conversation's last message must be the user's (not a tool result, so an agent
///    loop ends after one round). With choice `auto` its text must also hold the word "call" or
///    "use" (any case). Every declared tool whose name appears in that text as a whole word gets
///    one call, in order of first mention, so naming two tools gives two parallel calls.
/// 4. With choice `required` and no tool named, the first declared tool is called (after tool
///    results too, as the real APIs force a call).
/// Arguments come from each tool's schema and the same text (see `SimToolArguments`).
enum SimToolPlanner {
    /// Words that make a mention a request under `auto`.
    static let triggerWords: Set<String> = ["call", "use"]

    static func plan(for request: SimChatRequest) -> [SimToolCall] {
        let tools = request.tools
        guard !tools.isEmpty else { return [] }
        let text = request.messages.last { $0.role == "user" }?.text ?? ""
        let selected: [SimTool]
        switch request.toolChoice {
        case .none:
            return []
        case .tool(let name):
            guard let tool = tools.first(where: { $0.name == name }) else { return [] }
            selected = [tool]
        case .auto:
            guard request.messages.last?.role == "user" else { return [] }
            let words = Self.words(text)
            guard words.contains(where: { triggerWords.contains($0.lowercased()) }) else { return [] }
            selected = mentioned(tools, in: words)
        case .required:
            let named = request.messages.last?.role == "user" ? mentioned(tools, in: words(text)) : []
            selected = named.isEmpty ? [tools[0]] : named
        }
        let arguments = SimToolArguments(prompt: text, toolNames: Set(tools.map(\.name)))
        return selected.map { SimToolCall(name: $0.name, arguments: arguments.json(for: $0.schema)) }
    }

    /// Declared tools named in `words`, in order of first mention, each once.
    static func mentioned(_ tools: [SimTool], in words: [Substring]) -> [SimTool] {
        var result: [SimTool] = []
        for word in words {
            guard let tool = tools.first(where: { $0.name[...] == word }),
                  !result.contains(where: { $0.name == tool.name }) else { continue }
            result.append(tool)
        }
        return result
    }

    /// Runs of letters, digits, `_` and `-`: the characters of tool names.
    static func words(_ text: String) -> [Substring] {
        text.split { !isWordCharacter($0) }
    }

    static func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "_" || character == "-"
    }
}
