import Wire

extension OpenAIDialect {
    /// `tools`: function tools with their `parameters` schema (an empty object schema when absent).
    static func tools(_ value: JSONValue?) throws(SimError) -> [SimTool] {
        guard let value, !value.isNull else { return [] }
        guard let elements = value.array else {
            throw SimError.invalid("tools", "expected an array of tool objects.")
        }
        var tools: [SimTool] = []
        for (index, element) in elements.enumerated() {
            let param = "tools[\(index)]"
            guard element["type"]?.string == "function" else {
                throw SimError.invalid("\(param).type", "expected 'function'.")
            }
            guard let function = element["function"], function.object != nil else {
                throw SimError.missing("\(param).function")
            }
            guard let name = function["name"]?.string, !name.isEmpty else {
                throw SimError.missing("\(param).function.name")
            }
            let parameters = function["parameters"]
            tools.append(parameters?.object != nil ? SimTool(name: name, schema: parameters!) : SimTool(name: name))
        }
        return tools
    }

    /// `tool_choice`: `none`, `auto`, `required`, or `{"type":"function","function":{"name":…}}`.
    static func toolChoice(_ value: JSONValue?) throws(SimError) -> SimTool.Choice {
        guard let value, !value.isNull else { return .auto }
        switch value.string {
        case "none": return .none
        case "auto": return .auto
        case "required": return .required
        case nil:
            guard let name = value["function"]?["name"]?.string else {
                throw SimError.missing("tool_choice.function.name")
            }
            return .tool(name)
        case let other?:
            throw SimError.invalid("tool_choice", "expected 'none', 'auto', 'required' or a function, "
                + "but got '\(other)' instead.")
        }
    }

    /// OpenAI's `call_` id for call `index` of the response.
    static func toolCallID(responseID: String, index: Int) -> String {
        SimToolCall.id(prefix: "call_", length: 24, responseID: responseID, index: index)
    }

    /// The `tool_calls` array of a whole message.
    static func writeToolCalls(_ calls: [SimToolCall], responseID: String, to writer: inout JSONWriter) {
        writer.beginArray()
        for (index, call) in calls.enumerated() {
            writer.beginObject()
            writer.member("id", toolCallID(responseID: responseID, index: index))
            writer.member("type", "function")
            writer.key("function")
            writer.beginObject()
            writer.member("name", call.name)
            writer.member("arguments", call.arguments)
            writer.endObject()
            writer.endObject()
        }
        writer.endArray()
    }

    /// The stream delta that opens call `index` (id, type, name, empty arguments).
    static func toolCallHeaderDelta(_ call: SimToolCall, index: Int, responseID: String) -> String {
        var writer = JSONWriter(capacity: 128)
        writer.beginObject()
        writer.key("tool_calls")
        writer.beginArray()
        writer.beginObject()
        writer.member("index", index)
        writer.member("id", toolCallID(responseID: responseID, index: index))
        writer.member("type", "function")
        writer.key("function")
        writer.beginObject()
        writer.member("name", call.name)
        writer.member("arguments", "")
        writer.endObject()
        writer.endObject()
        writer.endArray()
        writer.endObject()
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// The stream delta carrying one argument fragment of call `index`.
    static func toolCallFragmentDelta(_ fragment: String, index: Int) -> String {
        var writer = JSONWriter(capacity: 64 + fragment.utf8.count)
        writer.beginObject()
        writer.key("tool_calls")
        writer.beginArray()
        writer.beginObject()
        writer.member("index", index)
        writer.key("function")
        writer.beginObject()
        writer.member("arguments", fragment)
        writer.endObject()
        writer.endObject()
        writer.endArray()
        writer.endObject()
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}
