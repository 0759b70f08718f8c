import Foundation
import Yams

extension ConfigDecoder {
    static let providerKeys = ["name", "type", "base_url", "api_keys", "api_key", "headers", "timeouts", "rpm", "tpm", "query", "key_selection"]

    func decodeProviders(_ top: MappingReader, timeouts: UpstreamTimeouts) throws(ConfigError) -> [ProviderConfig] {
        let example = "providers: [{name: openai, type: openai, api_keys: [\"${OPENAI_API_KEY}\"]}]"
        guard let nodes = try top.sequence("providers", example: example) else { return [] }
        var providers: [ProviderConfig] = []
        var seen: [String: SourcePosition] = [:]
        for (index, node) in nodes.enumerated() {
            let provider = try decodeProvider(node, number: index + 1, timeouts: timeouts, seen: &seen)
            providers.append(provider)
        }
        return providers
    }

    private func decodeProvider(
        _ node: Node, number: Int, timeouts: UpstreamTimeouts, seen: inout [String: SourcePosition]
    ) throws(ConfigError) -> ProviderConfig {
        let entryExample = "- {name: openai, type: openai}"
        let label = Self.entryLabel("provider", number: number, node: node)
        let reader = try MappingReader(node, subject: label, place: "in \(label)", example: entryExample, context: context)
        try reader.rejectUnknownKeys(allowed: Self.providerKeys)

        let name = try reader.requiredString("name", subject: "provider #\(number)", example: "name: <a unique name>")
        try checkName(name, kind: "provider")
        if let first = seen[name.value] {
            throw context.error(.duplicateName, at: name.position,
                                "provider name '\(name.value)' is already used at line \(first.line)",
                                fix: "give each provider a unique name")
        }
        seen[name.value] = name.position
        let subject = "provider '\(name.value)'"
        let type = try decodeType(reader, subject: subject)
        let baseURL = try decodeBaseURL(reader, type: type, subject: subject)
        let keys = try decodeKeys(reader)
        let headers = try decodeHeaders(reader, subject: subject)
        let providerTimeouts = try decodeTimeouts(
            reader.mapping("timeouts", place: "in the timeouts of \(subject)", example: "timeouts: {first_byte_ms: 30000}"),
            defaults: timeouts
        )
        var provider = ProviderConfig(name: name.value, type: type, baseURL: baseURL, apiKeys: keys,
                                      headers: headers, timeouts: providerTimeouts)
        provider.rpm = try reader.nonNegativeInt("rpm", default: 0, unit: "requests per minute")
        provider.tpm = try reader.nonNegativeInt("tpm", default: 0, unit: "tokens per minute")
        provider.query = try decodeHeaders(reader, key: "query", subject: subject)
        provider.keySelection = try decodeKeySelection(reader)
        return provider
    }

    /// Names end up in logs, metrics labels and headers, so they may not contain spaces or controls.
    func checkName(_ name: Located<String>, kind: String) throws(ConfigError) {
        let bad = name.value.unicodeScalars.contains { $0.properties.isWhitespace || $0.properties.generalCategory == .control }
        guard !bad else {
            let suggestion = name.value.split(whereSeparator: { $0.isWhitespace }).joined(separator: "-")
            throw context.error(.invalidValue, at: name.position, "\(kind) name '\(name.value)' contains whitespace",
                                fix: "use a name without spaces, e.g. '\(suggestion)'")
        }
    }

    private func decodeType(_ reader: MappingReader, subject: String) throws(ConfigError) -> ProviderType {
        let names = ProviderType.allCases.map(\.rawValue)
        let type = try reader.requiredString("type", subject: subject, example: "type: one of \(names.joined(separator: ", "))")
        if let known = ProviderType(rawValue: type.value.lowercased()) { return known }
        let list = names.joined(separator: ", ")
        let fix = Suggestion.closest(to: type.value, among: names).map { "did you mean '\($0)'? The types are \(list)" }
            ?? "use one of \(list) (openai-compatible covers any server speaking the OpenAI API)"
        throw context.error(.unknownProviderType, at: type.position,
                            "\(subject) has unknown type '\(type.value)'", fix: fix)
    }

    private func decodeBaseURL(_ reader: MappingReader, type: ProviderType, subject: String) throws(ConfigError) -> String {
        guard let text = try reader.string("base_url", example: "base_url: https://api.example.com/v1") else {
            if let url = type.defaultBaseURL { return url }
            throw context.error(.missingKey, at: reader.position,
                                "\(subject) of type \(type.rawValue) is missing the required key 'base_url'",
                                fix: "add base_url: with the server's OpenAI-style prefix, e.g. http://127.0.0.1:11434/v1")
        }
        switch BaseURLCheck.normalize(text.value) {
        case .success(let url):
            return url
        case .failure(let problem):
            throw context.error(.invalidURL, at: text.position, "\(problem.message) (\(subject))", fix: problem.fix)
        }
    }

    private func decodeKeys(_ reader: MappingReader) throws(ConfigError) -> [APIKey] {
        let listed = try weightedKeyList(reader)
        let single = try reader.string("api_key", example: "api_key: \"${PROVIDER_API_KEY}\"")
        if listed != nil, let single {
            throw context.error(.conflictingKeys, at: single.position,
                                "\(reader.label("api_key")) and 'api_keys' are both set",
                                fix: "keep one: move this key into the api_keys: list and remove api_key:")
        }
        let keys = listed ?? single.map { [Located(value: (text: $0.value, weight: 1), position: $0.position)] } ?? []
        for key in keys where key.value.text.trimmingCharacters(in: .whitespaces).isEmpty {
            throw context.error(.invalidValue, at: key.position, "an API key \(reader.place) is empty",
                                fix: "set the environment variable it refers to, or remove the entry")
        }
        // Keys are known by a fingerprint of their text in health and the ledger; the same key
        // twice would be one key with two entries (its weight says how much traffic it takes).
        var seen: [String: SourcePosition] = [:]
        for key in keys {
            if let first = seen[key.value.text] {
                throw context.error(.duplicateKey, at: key.position,
                                    "an API key \(reader.place) is listed twice (first at line \(first.line))",
                                    fix: "list each key once; give it {key: ..., weight: 2} for a larger share")
            }
            seen[key.value.text] = key.position
        }
        return keys.map { APIKey($0.value.text, weight: $0.value.weight) }
    }

    /// `api_keys:` items are key strings or `{key: "...", weight: N}` mappings.
    private func weightedKeyList(_ reader: MappingReader) throws(ConfigError) -> [Located<(text: String, weight: Int)>]? {
        let example = "api_keys: [\"${PROVIDER_API_KEY}\", {key: \"${SECOND_KEY}\", weight: 2}]"
        guard let nodes = try reader.sequence("api_keys", example: example) else { return nil }
        var out: [Located<(text: String, weight: Int)>] = []
        for node in nodes {
            if case .mapping = node {
                let entry = try MappingReader(node, subject: "an api_keys entry", place: "in an api_keys entry",
                                              example: example, context: context)
                try entry.rejectUnknownKeys(allowed: ["key", "weight"])
                let key = try entry.requiredString("key", subject: "an api_keys entry", example: "key: \"${PROVIDER_API_KEY}\"")
                let weight = try entry.positiveInt("weight", default: 1, unit: "shares")
                out.append(Located(value: (key.value, weight), position: key.position))
            } else {
                let key = try reader.text(of: node, label: "each item of \(reader.label("api_keys"))", example: example)
                out.append(Located(value: (key.value, 1), position: key.position))
            }
        }
        return out
    }

    private func decodeHeaders(_ reader: MappingReader, key: String = "headers", subject: String) throws(ConfigError) -> [String: String] {
        let example = "\(key): {X-Extra: value}"
        guard let headers = try reader.mapping(key, place: "in the \(key) of \(subject)", example: example) else {
            return [:]
        }
        var result: [String: String] = [:]
        for entry in headers.entries {
            guard !entry.key.isEmpty, entry.key.unicodeScalars.allSatisfy(Self.isTokenCharacter) else {
                throw context.error(.invalidValue, at: entry.keyPosition,
                                    "'\(entry.key)' \(headers.place) is not a valid HTTP header name",
                                    fix: "use letters, digits and - only, e.g. X-Extra")
            }
            let value = entry.value.isNull ? Located(value: "", position: entry.position)
                : try headers.text(of: entry.value, label: headers.label(entry.key), example: example)
            guard !value.value.contains(where: { $0 == "\r" || $0 == "\n" }) else {
                throw context.error(.invalidValue, at: value.position,
                                    "the value of header '\(entry.key)' \(headers.place) contains a line break",
                                    fix: "put the value on one line")
            }
            result[entry.key] = value.value
        }
        return result
    }

    /// RFC 9110 token characters, the only ones allowed in a header name.
    private static func isTokenCharacter(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.isASCII else { return false }
        if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) { return true }
        return "!#$%&'*+-.^_`|~".unicodeScalars.contains(scalar)
    }
}
