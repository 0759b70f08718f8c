import HTTP
import Wire

/// Tags a request is attributed to: the key's, then `x-switchyard-tags`, then OpenAI's
/// `metadata` and `user` (later sources win on the same name).
enum Attribution {
    static let maxTags = 16
    static let maxNameLength = 64
    static let maxValueLength = 128

    /// Parses `agent=triage,use_case=support`. Malformed input is the caller's error (400).
    static func parseHeader(_ text: String) throws(GatewayError) -> [String: String] {
        var tags: [String: String] = [:]
        for item in text.split(separator: ",", omittingEmptySubsequences: true) {
            let pair = item.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else {
                throw GatewayError(.invalidHeader, status: .badRequest,
                                   "x-switchyard-tags must be name=value pairs separated by commas; '\(item.prefix(40))' is not.")
            }
            let name = pair[0].trimmingSpaces(), value = pair[1].trimmingSpaces()
            try check(name: name, value: value)
            tags[name] = value
        }
        guard tags.count <= maxTags else {
            throw GatewayError(.invalidHeader, status: .badRequest, "x-switchyard-tags carries \(tags.count) tags; at most \(maxTags) are allowed.")
        }
        return tags
    }

    /// OpenAI's `metadata` object (string values) and `user` string, from their byte ranges.
    static func fromBody(_ body: [UInt8], fields: RequestFields) -> [String: String] {
        var tags: [String: String] = [:]
        if let range = fields.metadataField?.range, let object = (try? JSONValue.parse(body[range]))?.object {
            for member in object {
                if let value = member.value.string, (try? check(name: member.key, value: value)) != nil {
                    tags[member.key] = value
                }
            }
        }
        if let range = fields.userField?.range, let user = (try? JSONValue.parse(body[range]))?.string,
           (try? check(name: "user", value: user)) != nil {
            tags["user"] = user
        }
        return tags
    }

    /// Adds `new` over `tags`, later values winning; taken whole when `tags` is empty (the
    /// usual case), which spares rebuilding the dictionary.
    static func add(_ new: [String: String], to tags: inout [String: String]) {
        if tags.isEmpty { tags = new } else { tags.merge(new) { $1 } }
    }

    static func check(name: String, value: String) throws(GatewayError) {
        guard !name.isEmpty, name.utf8.count <= maxNameLength, name.utf8.allSatisfy(isNameByte) else {
            throw GatewayError(.invalidHeader, status: .badRequest,
                               "Tag name '\(name.prefix(40))' must be 1-\(maxNameLength) characters of letters, digits, '_', '-', '.' or ':'.")
        }
        guard value.utf8.count <= maxValueLength, !value.utf8.contains(where: { $0 < 0x20 || $0 == 0x7f }) else {
            throw GatewayError(.invalidHeader, status: .badRequest,
                               "The value of tag '\(name)' must be at most \(maxValueLength) bytes without control characters.")
        }
    }

    private static func isNameByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || b == 0x5f || b == 0x2d || b == 0x2e || b == 0x3a
    }
}

extension Substring {
    func trimmingSpaces() -> String {
        var s = self
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
