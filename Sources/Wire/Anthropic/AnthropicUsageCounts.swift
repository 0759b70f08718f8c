/// Anthropic's usage counts as sent, each nil when absent, so a stream's `message_delta` can
/// overwrite only what it carries (its counts are cumulative; optional ones are omitted when
/// unchanged, and the `message_start` values must survive).
struct AnthropicUsageCounts: Sendable, Equatable {
    var input: Int?
    var output: Int?
    var cacheRead: Int?
    var cacheCreation: Int?
    var thinking: Int?

    /// The canonical form: Anthropic's `input_tokens` excludes cache reads and writes, so the
    /// canonical prompt count is the sum of the three.
    var usage: Usage {
        let cacheRead = cacheRead ?? 0
        let cacheCreation = cacheCreation ?? 0
        return Usage(promptTokens: (input ?? 0) + cacheRead + cacheCreation, completionTokens: output ?? 0,
                     cachedTokens: cacheRead, reasoningTokens: thinking ?? 0, cacheCreationTokens: cacheCreation)
    }

    /// Takes every count `newer` carries.
    mutating func merge(_ newer: AnthropicUsageCounts) {
        if let value = newer.input { input = value }
        if let value = newer.output { output = value }
        if let value = newer.cacheRead { cacheRead = value }
        if let value = newer.cacheCreation { cacheCreation = value }
        if let value = newer.thinking { thinking = value }
    }

    init(input: Int? = nil, output: Int? = nil, cacheRead: Int? = nil, cacheCreation: Int? = nil,
         thinking: Int? = nil) {
        self.input = input
        self.output = output
        self.cacheRead = cacheRead
        self.cacheCreation = cacheCreation
        self.thinking = thinking
    }

    init(_ value: JSONValue) {
        input = value["input_tokens"]?.int.map(Usage.reported)
        output = value["output_tokens"]?.int.map(Usage.reported)
        cacheRead = value["cache_read_input_tokens"]?.int.map(Usage.reported)
        cacheCreation = value["cache_creation_input_tokens"]?.int.map(Usage.reported)
        thinking = value["output_tokens_details"]?["thinking_tokens"]?.int.map(Usage.reported)
    }

    /// Reads a `usage` object whose `{` the scanner just returned, through its `}`.
    static func scan(_ scanner: inout JSONScanner) throws(JSONError) -> AnthropicUsageCounts {
        var counts = AnthropicUsageCounts()
        while try scanner.next() == .key {
            if scanner.stringEquals("input_tokens") {
                counts.input = try readInt(&scanner)
            } else if scanner.stringEquals("output_tokens") {
                counts.output = try readInt(&scanner)
            } else if scanner.stringEquals("cache_read_input_tokens") {
                counts.cacheRead = try readInt(&scanner)
            } else if scanner.stringEquals("cache_creation_input_tokens") {
                counts.cacheCreation = try readInt(&scanner)
            } else if scanner.stringEquals("output_tokens_details") {
                let token = try scanner.next()
                guard token == .objectStart else {
                    try scanner.skipValue(startingWith: token)
                    continue
                }
                while try scanner.next() == .key {
                    if scanner.stringEquals("thinking_tokens") {
                        counts.thinking = try readInt(&scanner)
                    } else {
                        try scanner.skipValue(startingWith: try scanner.next())
                    }
                }
            } else {
                try scanner.skipValue(startingWith: try scanner.next())
            }
        }
        return counts
    }

    /// A count (see `Usage.reported`), or nil for null and non-integers (treated as absent).
    private static func readInt(_ scanner: inout JSONScanner) throws(JSONError) -> Int? {
        let token = try scanner.next()
        guard token == .number else {
            try scanner.skipValue(startingWith: token)
            return nil
        }
        return scanner.intValue().map(Usage.reported)
    }
}
