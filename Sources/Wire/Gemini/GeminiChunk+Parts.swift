// Reading `content.parts[]` of a candidate.

extension GeminiChunk {
    mutating func readParts(_ scanner: inout JSONScanner) throws(JSONError) {
        var token = try scanner.next()
        guard token == .arrayStart else { return try scanner.skipValue(startingWith: token) }
        while true {
            token = try scanner.next()
            if token == .arrayEnd { return }
            guard token == .objectStart else {
                try scanner.skipValue(startingWith: token)
                continue
            }
            if let part = try Self.readPart(&scanner) { parts.append(part) }
        }
    }

    /// One part object through its `}`; nil for kinds that are not translated.
    private static func readPart(_ scanner: inout JSONScanner) throws(JSONError) -> Part? {
        var text: String?
        var thought = false
        var signature: String?
        var call: (name: String, args: String, id: String?)?
        var inline: (mimeType: String, data: String)?
        while try scanner.next() == .key {
            if scanner.stringEquals("text") {
                text = try readString(&scanner)
            } else if scanner.stringEquals("thought") {
                let value = try scanner.next()
                thought = value == .true
                try scanner.skipValue(startingWith: value)
            } else if scanner.stringEquals("thoughtSignature") {
                signature = try readString(&scanner)
            } else if scanner.stringEquals("functionCall") {
                call = try readCall(&scanner)
            } else if scanner.stringEquals("inlineData") {
                inline = try readInlineData(&scanner)
            } else {
                try scanner.skipValue(startingWith: try scanner.next())
            }
        }
        if let call { return .call(name: call.name, args: call.args, id: call.id, signature: signature) }
        if let inline { return .inlineData(mimeType: inline.mimeType, data: inline.data, signature: signature) }
        if let text { return .text(text, thought: thought, signature: signature) }
        // A part holding only a signature (streams send these) is an empty text part.
        if let signature { return .text("", thought: thought, signature: signature) }
        return nil
    }

    private static func readCall(_ scanner: inout JSONScanner) throws(JSONError) -> (name: String, args: String, id: String?)? {
        let token = try scanner.next()
        guard token == .objectStart else {
            try scanner.skipValue(startingWith: token)
            return nil
        }
        var name = ""
        var args = "{}"
        var id: String?
        while try scanner.next() == .key {
            if scanner.stringEquals("name") {
                name = try readString(&scanner) ?? ""
            } else if scanner.stringEquals("args") {
                let value = try scanner.next()
                let start = scanner.tokenStart
                try scanner.skipValue(startingWith: value)
                if value == .objectStart {
                    args = String(decoding: UnsafeRawBufferPointer(rebasing: scanner.bytes[start ..< scanner.tokenEnd]),
                                  as: UTF8.self)
                }
            } else if scanner.stringEquals("id") {
                id = try readString(&scanner)
            } else {
                try scanner.skipValue(startingWith: try scanner.next())
            }
        }
        return (name, args, id)
    }

    private static func readInlineData(_ scanner: inout JSONScanner) throws(JSONError) -> (mimeType: String, data: String)? {
        let token = try scanner.next()
        guard token == .objectStart else {
            try scanner.skipValue(startingWith: token)
            return nil
        }
        var mimeType = "application/octet-stream"
        var data = ""
        while try scanner.next() == .key {
            if scanner.stringEquals("mimeType") {
                mimeType = try readString(&scanner) ?? mimeType
            } else if scanner.stringEquals("data") {
                data = try readString(&scanner) ?? ""
            } else {
                try scanner.skipValue(startingWith: try scanner.next())
            }
        }
        return (mimeType, data)
    }
}
