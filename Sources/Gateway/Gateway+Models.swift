import HTTP
import HTTP1
import Wire

extension Gateway {
    /// `GET /v1/models`: the configured models, then the router ids (`auto` and the other
    /// presets, and the configured routers), in OpenAI's list shape, or Anthropic's when the
    /// request carries `anthropic-version`.
    ///
    /// On a gateway with keys the list takes the caller's key as an API call does, and shows
    /// what that key may ask for: a client offers its user exactly the names that will work.
    func listModels(_ request: ServerRequest, _ writer: ResponseWriter, _ record: inout RequestRecord,
                    _ headers: Headers) async {
        let dialect: Dialect = request.header("anthropic-version") != nil ? .anthropic : .openAI
        let principal: Principal
        do throws(GatewayError) {
            principal = try await accounting.authenticate(request, model: nil)
        } catch {
            record.errorCode = error.code.rawValue
            writer.respond(error, dialect: dialect, headers: headers)
            return
        }
        var entries: [(id: String, owner: String)] = models.names.compactMap { name in
            models.deployment(for: name).map { (name, $0.provider) }
        }
        for router in routing.routers.routers where models.deployment(for: router.id) == nil {
            entries.append((router.id, "switchyard"))
        }
        if let key = principal.key { entries.removeAll { !key.allows(model: $0.id) } }
        var headers = headers
        headers.append(name: "Content-Type", value: "application/json")
        let body = dialect == .anthropic ? Self.anthropicModelList(entries.map(\.id)) : Self.openAIModelList(entries)
        writer.respond(status: .ok, headers: headers, body: body)
    }

    private static func openAIModelList(_ entries: [(id: String, owner: String)]) -> [UInt8] {
        var json = JSONWriter()
        json.beginObject()
        json.member("object", "list")
        json.key("data")
        json.beginArray()
        for entry in entries {
            json.beginObject()
            json.member("id", entry.id)
            json.member("object", "model")
            json.member("created", 0)
            json.member("owned_by", entry.owner)
            json.endObject()
        }
        json.endArray()
        json.endObject()
        return json.bytes
    }

    private static func anthropicModelList(_ ids: [String]) -> [UInt8] {
        var json = JSONWriter()
        json.beginObject()
        json.key("data")
        json.beginArray()
        for id in ids {
            json.beginObject()
            json.member("type", "model")
            json.member("id", id)
            json.member("display_name", id)
            json.member("created_at", "1970-01-01T00:00:00Z")
            json.member("lifecycle", "active")
            json.endObject()
        }
        json.endArray()
        json.member("has_more", false)
        json.key("first_id")
        if let first = ids.first { json.string(first) } else { json.null() }
        json.key("last_id")
        if let last = ids.last { json.string(last) } else { json.null() }
        json.endObject()
        return json.bytes
    }
}
