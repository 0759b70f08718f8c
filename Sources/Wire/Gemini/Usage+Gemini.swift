// `Usage` from Gemini's `usageMetadata`.
//
// Gemini's `promptTokenCount` already includes `cachedContentTokenCount`, as the canonical
// `promptTokens` includes `cachedTokens`. `candidatesTokenCount` excludes thinking, which Gemini
// reports apart as `thoughtsTokenCount` and bills as output, so completion tokens are their sum
// with thinking as the reasoning subset. `toolUsePromptTokenCount` (input the built-in tools
// added) is billed as input and joins the prompt. Zero counts are omitted on the wire.

extension Usage {
    /// Reads a `usageMetadata` object (its `{` just returned by `scanner`) through its `}`.
    static func scanGemini(_ scanner: inout JSONScanner) throws(JSONError) -> Usage {
        var prompt = 0, candidates = 0, cached = 0, thoughts = 0, toolPrompt = 0
        var total: Int?
        while try scanner.next() == .key {
            if scanner.stringEquals("promptTokenCount") {
                prompt = try geminiCount(&scanner)
            } else if scanner.stringEquals("candidatesTokenCount") {
                candidates = try geminiCount(&scanner)
            } else if scanner.stringEquals("cachedContentTokenCount") {
                cached = try geminiCount(&scanner)
            } else if scanner.stringEquals("thoughtsTokenCount") {
                thoughts = try geminiCount(&scanner)
            } else if scanner.stringEquals("toolUsePromptTokenCount") {
                toolPrompt = try geminiCount(&scanner)
            } else if scanner.stringEquals("totalTokenCount") {
                total = try geminiCount(&scanner)
            } else {
                try scanner.skipValue(startingWith: try scanner.next())
            }
        }
        return Usage(promptTokens: prompt + toolPrompt, completionTokens: candidates + thoughts, totalTokens: total,
                     cachedTokens: cached, reasoningTokens: thoughts)
    }

    /// Reads a `usageMetadata` object value; nil when `value` is not an object.
    public init?(gemini value: JSONValue) {
        guard case .object = value else { return nil }
        let count = { (key: String) in value[key]?.int.map(Usage.reported) }
        let thoughts = count("thoughtsTokenCount") ?? 0
        self.init(promptTokens: (count("promptTokenCount") ?? 0) + (count("toolUsePromptTokenCount") ?? 0),
                  completionTokens: (count("candidatesTokenCount") ?? 0) + thoughts,
                  totalTokens: count("totalTokenCount"),
                  cachedTokens: count("cachedContentTokenCount") ?? 0, reasoningTokens: thoughts)
    }

    /// A count (see `reported`); Gemini writes int64 fields as numbers, but proto3 JSON also
    /// allows strings.
    private static func geminiCount(_ scanner: inout JSONScanner) throws(JSONError) -> Int {
        let token = try scanner.next()
        switch token {
        case .number: return reported(scanner.intValue() ?? 0)
        case .string: return reported(Int(scanner.decodedString()) ?? 0)
        default:
            try scanner.skipValue(startingWith: token)
            return 0
        }
    }
}
