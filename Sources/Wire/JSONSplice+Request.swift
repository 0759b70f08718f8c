// Request-level edits driven by a `RequestFields` scan of the same body.

extension JSONSplice {
    /// Sets the top-level `model` to `name`: replaces the value in place, or adds the member.
    public mutating func setModel(_ name: String, in fields: RequestFields) {
        if let field = fields.modelField {
            replace(field.range, with: .jsonString(name))
        } else {
            insertMember(.text("\"model\":"), value: .jsonString(name), in: fields)
        }
    }

    /// Makes the body ask for streamed usage (`"stream_options":{"include_usage":true}`).
    ///
    /// Other `stream_options` members are kept verbatim; a non-object `stream_options` is replaced.
    public mutating func requestUsage(in fields: RequestFields) {
        guard !fields.includeUsage else { return }
        guard let options = fields.streamOptionsField else {
            insertMember(.text("\"stream_options\":"), value: .text("{\"include_usage\":true}"), in: fields)
            return
        }
        guard options.kind == .object else {
            replace(options.range, with: .text("{\"include_usage\":true}"))
            return
        }
        if let value = fields.includeUsageField {
            replace(value.range, with: .text("true"))
        } else if fields.streamOptionsMemberCount == 0 {
            insert(.text("\"include_usage\":true"), at: options.range.lowerBound + 1)
        } else {
            insert(.text("\"include_usage\":true,"), at: options.range.lowerBound + 1)
        }
    }

    /// Adds a member at the end of the top-level object; `key` is the quoted key and its colon.
    public mutating func insertMember(_ key: Replacement, value: Replacement, in fields: RequestFields) {
        if fields.memberCount + insertedMembers > 0 {
            insert(.text(","), at: fields.closingBrace)
        }
        insert(key, at: fields.closingBrace)
        insert(value, at: fields.closingBrace)
        insertedMembers += 1
    }
}
