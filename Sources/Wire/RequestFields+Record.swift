// Recording one tracked member during `RequestFields.scan`.

extension RequestFields {
    /// Consumes the value starting with `token` and stores what the gateway needs from it.
    mutating func record(
        _ key: TrackedKey, keyOffset: Int, token: JSONToken, scanner: inout JSONScanner
    ) throws(JSONError) {
        let start = scanner.tokenStart
        let kind = token.valueKind!
        if key == .streamOptions && token == .objectStart {
            try scanStreamOptions(&scanner)
        } else {
            try scanner.skipValue(startingWith: token)
        }
        let field = Field(range: start ..< scanner.tokenEnd, kind: kind)
        let previous: Field?
        switch key {
        case .model:
            previous = modelField
            modelField = field
            model = token == .string ? scanner.decodedString() : nil
        case .stream:
            previous = streamField
            streamField = field
            stream = token == .true ? true : token == .false ? false : nil
        case .streamOptions:
            previous = streamOptionsField
            streamOptionsField = field
        case .maxTokens:
            previous = maxTokensField
            maxTokensField = field
            maxTokens = token == .number ? scanner.intValue() : nil
        case .maxCompletionTokens:
            previous = maxCompletionTokensField
            maxCompletionTokensField = field
            maxCompletionTokens = token == .number ? scanner.intValue() : nil
        case .messages:
            previous = messagesField
            messagesField = field
        case .tools:
            previous = toolsField
            toolsField = field
        case .metadata:
            previous = metadataField
            metadataField = field
        case .user:
            previous = userField
            userField = field
        }
        if previous != nil {
            throw JSONError(.duplicateKey, at: keyOffset, "a request member appears twice")
        }
    }

    /// Walks the `stream_options` object (its `{` just read) looking for `include_usage`.
    private mutating func scanStreamOptions(_ scanner: inout JSONScanner) throws(JSONError) {
        while try scanner.next() == .key {
            streamOptionsMemberCount += 1
            let isIncludeUsage = scanner.stringEquals("include_usage")
            let keyOffset = scanner.tokenStart
            let token = try scanner.next()
            let start = scanner.tokenStart
            try scanner.skipValue(startingWith: token)
            guard isIncludeUsage else { continue }
            guard includeUsageField == nil else {
                throw JSONError(.duplicateKey, at: keyOffset, "include_usage appears twice")
            }
            includeUsageField = Field(range: start ..< scanner.tokenEnd, kind: token.valueKind!)
            includeUsage = token == .true
        }
    }
}
