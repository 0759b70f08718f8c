/// The JSON layer on raw input: the value parser, the scanner's fast skip, the request-field
/// scan and the splice the gateway applies to same-dialect bodies.
enum FuzzJSON {
    static func check(_ input: [UInt8], rng: inout FuzzRandom) {
        let parsed = Result { () throws(JSONError) in try JSONValue.parse(input) }
        checkSkipAgrees(input, parsed)
        if case .success(let value) = parsed { checkRoundTrip(value) }
        checkChunkWatch(input)
        checkRequestFields(input, parsed, rng: &rng)
    }

    /// The fast skip is documented to accept and reject exactly what the token walk does, with
    /// the same errors: `validate` skips, `parse` walks.
    static func checkSkipAgrees(_ input: [UInt8], _ parsed: Result<JSONValue, JSONError>) {
        let skipped = Result { () throws(JSONError) in try JSONScanner.validate(input) }
        switch (parsed, skipped) {
        case (.success, .success): break
        case (.failure(let walk), .failure(let skip)):
            precondition(walk == skip, "parse failed with \(walk), the skip with \(skip)")
        default:
            preconditionFailure("parse and validate disagree: \(parsed) vs \(skipped)")
        }
        var watch = NoMemberWatch()
        let objectSkipped = input.withUnsafeBytes { raw in
            Result { () throws(JSONError) in try JSONScanner.validateObject(raw, watching: &watch) }
        }
        let startsObject = input.first { ![0x20, 0x0A, 0x0D, 0x09].contains($0) } == UInt8(ascii: "{")
        switch (parsed, objectSkipped) {
        case (.success(let value), .success):
            precondition(value.object != nil, "validateObject accepted a non-object")
        case (.failure(let walk), .failure(let skip)) where startsObject:
            precondition(walk == skip, "parse failed with \(walk), the object skip with \(skip)")
        case (_, .failure(let skip)):
            precondition(!startsObject && skip.code == .notAnObject || parsed.isFailure,
                         "validateObject refused an object that parses: \(skip)")
        case (.failure, .success):
            preconditionFailure("validateObject accepted what parse refuses")
        }
    }

    /// Whatever parses encodes to text that parses to an equal value; the writer documents
    /// that non-finite numbers (`1e999` reads as infinity) are written as `null`.
    static func checkRoundTrip(_ value: JSONValue) {
        let text = value.encoded()
        FuzzCheck.requireJSON(text, "JSONValue.encoded")
        let again: JSONValue
        do throws(JSONError) {
            again = try JSONValue.parse(text)
        } catch {
            preconditionFailure("re-encoded value does not parse (\(error)): \(value.jsonText)")
        }
        precondition(again == finite(value), "round trip changed the value: \(value) -> \(again)")
    }

    /// `value` with its infinite numbers as `null`, as the writer writes them.
    static func finite(_ value: JSONValue) -> JSONValue {
        switch value {
        case .number(let n) where n.int == nil && n.double.isInfinite: .null
        case .array(let elements): .array(elements.map(finite))
        case .object(let object): .object(JSONObject(object.members.map { .init(key: $0.key, value: finite($0.value)) }))
        default: value
        }
    }

    /// The watch may flag a chunk that turns out plain, never the other way round.
    static func checkChunkWatch(_ input: [UInt8]) {
        var watch = OpenAIChunkWatch()
        let valid = input.withUnsafeBytes { raw in (try? JSONScanner.validateObject(raw, watching: &watch)) != nil }
        guard valid, !watch.needsSummary else { return }
        guard let summary = try? OpenAIResponseSummary.scan(input) else {
            preconditionFailure("a valid object fails the summary scan")
        }
        precondition(summary.usage == nil && summary.finishReason == nil && !summary.hasError,
                     "the watch missed a member the summary notes")
    }

    /// A body the field scan accepts is a JSON object whose top-level `model` and `stream` it
    /// reports; splicing a new model and the usage option in keeps it one, with both set.
    static func checkRequestFields(_ input: [UInt8], _ parsed: Result<JSONValue, JSONError>, rng: inout FuzzRandom) {
        guard let fields = try? RequestFields.scan(input) else { return }
        guard case .success(let value) = parsed, value.object != nil else {
            preconditionFailure("RequestFields accepted a body that is not a JSON object")
        }
        precondition(fields.model == value["model"]?.string, "RequestFields found another model")
        precondition(fields.stream == value["stream"]?.bool, "RequestFields found another stream flag")
        let model = rng.pick(["gpt-4o-mini", "", "a\"b\\c\n\u{0}", "模型/🙂"])
        var splice = JSONSplice()
        splice.setModel(model, in: fields)
        splice.requestUsage(in: fields)
        let spliced = splice.apply(to: input)
        guard let again = try? RequestFields.scan(spliced) else {
            preconditionFailure("the spliced body does not scan: \(String(decoding: spliced, as: UTF8.self))")
        }
        precondition(again.model == model && again.includeUsage, "the splice did not set model and include_usage")
    }
}

extension Result {
    /// Whether this is a failure, for conditions that need no payload.
    var isFailure: Bool { if case .failure = self { true } else { false } }
}
