/// Everything gathered while walking one request, turned into `RequestFeatures` by `finish()`.
struct ExtractionState {
    /// OpenAI's chat format adds about this many tokens per message (role and separators) ...
    static let tokensPerMessage = 4
    /// ... and this many to prime the reply.
    static let tokensPerReply = 3
    /// A 1024x1024 image at OpenAI's default detail (85 base + 4 tiles x 170).
    static let tokensPerImage = 765

    var text: TextScanner
    var messages = 0
    var turns = 0
    var hasSystemPrompt = false
    var images = 0
    var toolCount = 0
    /// Bytes of JSON that reach the model besides message text: tool schemas, tool calls, output schema.
    var structureBytes = 0
    var wantsJSON = false
    var wantsJSONSchema = false
    var maxOutputTokens: Int?

    init(ngrams: NgramSet) {
        text = TextScanner(ngrams: ngrams)
    }

    /// Scans one message's (or prompt's) plain UTF-8 text as its own segment.
    mutating func scanSegment(_ bytes: UnsafeRawBufferPointer) {
        text.beginSegment()
        text.scan(bytes)
        text.endSegment()
    }

    /// Scans one JSON string's raw content, decoding escapes first when it has any.
    mutating func scanJSONString(_ raw: UnsafeRawBufferPointer, hasEscapes: Bool) {
        guard hasEscapes else { return scanSegment(raw) }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(raw.count, 1)) { scratch in
            let n = JSONStringUnescape.unescape(raw, into: scratch.baseAddress!)
            scanSegment(UnsafeRawBufferPointer(start: scratch.baseAddress!, count: n))
        }
    }

    var promptTokens: Int {
        let messageTokens = messages * Self.tokensPerMessage + (messages > 0 ? Self.tokensPerReply : 0)
        return (text.textBytes + structureBytes + 3) / 4 + messageTokens + images * Self.tokensPerImage
    }

    /// Code: a fenced block, keywords amid code punctuation, indented code, or a request for code.
    var hasCode: Bool {
        let t = text
        let cues = t.cueCounts
        if t.fenceMarks >= 2 { return true }
        if cues.codeKeywords >= 2 && t.codeSymbols * 40 >= t.textBytes { return true }
        if t.indentedLines >= 3 && t.codeSymbols >= 6 { return true }
        return cues.codeRequests >= 2 || (cues.codeRequests >= 1 && cues.codeKeywords >= 1)
    }

    /// Math: TeX, math symbols, arithmetic between numbers, or a word problem (numbers plus math words).
    var hasMath: Bool {
        let t = text
        let cues = t.cueCounts
        if t.latexCommands >= 2 || (t.latexCommands >= 1 && t.texDollars >= 2) || t.mathSymbols >= 1 { return true }
        if t.arithmetic >= 2 || (t.arithmetic >= 1 && cues.math >= 1) { return true }
        return (t.numbers >= 2 && cues.math >= 1) || cues.math >= 3
    }

    /// Adds the meta tokens and builds the features; consumes the n-gram set.
    mutating func finish() -> RequestFeatures {
        let tokens = promptTokens
        let code = hasCode
        let math = hasMath
        let t = text
        var ngrams = t.ngrams
        ngrams.releaseReserve()
        ngrams.insert(MetaToken.length[MetaToken.bucket(tokens, last: 16)])
        ngrams.insert(MetaToken.numbers[MetaToken.bucket(t.numbers, last: 5)])
        ngrams.insert(MetaToken.newlines[MetaToken.bucket(t.newlines, last: 3)])
        if t.optionLines >= 2 { ngrams.insert(MetaToken.options) }
        if t.questionMarks > 0 { ngrams.insert(MetaToken.question) }
        if t.cueCounts.creative > 0 { ngrams.insert(MetaToken.creative) }
        if t.cueCounts.extraction > 0 { ngrams.insert(MetaToken.extraction) }
        if t.cueCounts.codeRequests > 0 { ngrams.insert(MetaToken.codeRequest) }
        if code { ngrams.insert(MetaToken.code) }
        if math { ngrams.insert(MetaToken.math) }
        return RequestFeatures(
            promptTokens: tokens,
            maxOutputTokens: maxOutputTokens,
            turns: max(turns, 1),
            hasSystemPrompt: hasSystemPrompt,
            hasCode: code,
            hasMath: math,
            usesTools: toolCount > 0,
            wantsJSON: wantsJSON || wantsJSONSchema,
            wantsJSONSchema: wantsJSONSchema,
            hasImages: images > 0,
            script: t.scripts.dominant,
            reasoningCues: t.cueCounts.reasoning,
            ngramHashes: ngrams.toArray()
        )
    }
}
