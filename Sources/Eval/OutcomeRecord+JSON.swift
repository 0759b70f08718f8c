import Routing
import Wire

/// Reading and writing one outcome record as a JSON line.
extension OutcomeRecord {
    public init(json: JSONValue) throws(EvalError) {
        guard case .object = json else { throw EvalError(.invalidRecord, "a record must be a JSON object") }
        guard let id = json["id"]?.string ?? json["id"]?.int.map(String.init) else {
            throw EvalError(.invalidRecord, "missing \"id\"")
        }
        let prompt = json["prompt"]?.string
        var messages: [PromptMessage]?
        if let array = json["messages"]?.array {
            messages = try array.map { (m) throws(EvalError) in
                guard let role = m["role"]?.string, let content = m["content"]?.string else {
                    throw EvalError(.invalidRecord, "record \(id): messages need string role and content")
                }
                return PromptMessage(role: role, content: content)
            }
        }
        guard prompt != nil || messages != nil else {
            throw EvalError(.invalidRecord, "record \(id): needs \"prompt\" or \"messages\"")
        }
        self.init(
            id: id,
            prompt: prompt,
            messages: messages,
            group: json["group"]?.string ?? "",
            dataset: json["dataset"]?.string,
            scores: try Self.numbers(json["scores"], "scores", id: id),
            costs: try Self.numbers(json["costs"], "costs", id: id)
        )
    }

    public init(line: String) throws(EvalError) {
        let json: JSONValue
        do { json = try JSONValue.parse(line) } catch {
            throw EvalError(.invalidRecord, "not JSON: \(error)")
        }
        try self.init(json: json)
    }

    /// The record as one line of JSON (no trailing newline); keys in a fixed order, models sorted.
    public func jsonLine() -> String {
        var w = JSONWriter(capacity: 512)
        w.beginObject()
        w.member("id", id)
        if let dataset { w.member("dataset", dataset) }
        w.member("group", group)
        if let messages {
            w.key("messages")
            w.beginArray()
            for message in messages {
                w.beginObject()
                w.member("role", message.role)
                w.member("content", message.content)
                w.endObject()
            }
            w.endArray()
        } else {
            w.member("prompt", prompt ?? "")
        }
        Self.writeNumbers("scores", scores, to: &w)
        Self.writeNumbers("costs", costs, to: &w)
        w.endObject()
        return String(decoding: w.bytes, as: UTF8.self)
    }

    private static func writeNumbers(_ key: String, _ values: [String: Double], to w: inout JSONWriter) {
        w.key(key)
        w.beginObject()
        for name in values.keys.sorted() {
            w.key(name)
            w.double(values[name]!)
        }
        w.endObject()
    }

    private static func numbers(_ value: JSONValue?, _ name: String, id: String) throws(EvalError) -> [String: Double] {
        guard let members = value?.object?.members else {
            throw EvalError(.invalidRecord, "record \(id): missing \"\(name)\" object")
        }
        var result: [String: Double] = [:]
        for member in members {
            // null marks a model that was not scored on this prompt.
            if member.value.isNull { continue }
            guard let number = member.value.double, number.isFinite else {
                throw EvalError(.invalidRecord, "record \(id): \(name).\(member.key) is not a number")
            }
            result[member.key] = number
        }
        return result
    }
}
