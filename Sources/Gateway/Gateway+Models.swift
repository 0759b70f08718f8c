import Foundation
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
        let dialect = Self.modelListDialect(request)
        guard let entries = await modelEntries(request, writer, &record, headers, dialect: dialect) else { return }
        var json = JSONWriter()
        json.beginObject()
        if dialect == .openAI { json.member("object", "list") }
        json.key("data")
        json.beginArray()
        for entry in entries { Self.write(entry, dialect: dialect, to: &json) }
        json.endArray()
        if dialect == .anthropic {
            json.member("has_more", false)
            json.key("first_id")
            if let first = entries.first { json.string(first.id) } else { json.null() }
            json.key("last_id")
            if let last = entries.last { json.string(last.id) } else { json.null() }
        }
        json.endObject()
        respondJSON(json.bytes, writer, headers)
    }

    /// `GET /v1/models/{id}` (OpenAI's and Anthropic's retrieve): one entry of the list, or the
    /// 404 an unknown model gets, for a name the caller's key may not use as well.
    func retrieveModel(_ request: ServerRequest, _ writer: ResponseWriter, _ record: inout RequestRecord,
                       _ headers: Headers) async {
        let dialect = Self.modelListDialect(request)
        let prefix = request.path.hasPrefix("/v1/models/") ? "/v1/models/" : "/models/"
        // Clients percent-encode the id (a model name may hold a `/`).
        let id = String(request.path.dropFirst(prefix.count)).removingPercentEncoding ?? ""
        record.model = id
        guard let entries = await modelEntries(request, writer, &record, headers, dialect: dialect) else { return }
        guard let entry = entries.first(where: { $0.id == id }) else {
            let error = Self.unknownModel(id)
            record.errorCode = error.code.rawValue
            writer.respond(error, dialect: dialect, headers: headers)
            return
        }
        var json = JSONWriter()
        Self.write(entry, dialect: dialect, to: &json)
        respondJSON(json.bytes, writer, headers)
    }

    /// The names the caller may use with their owners, or nil after answering a refused key.
    private func modelEntries(_ request: ServerRequest, _ writer: ResponseWriter, _ record: inout RequestRecord,
                              _ headers: Headers, dialect: Dialect) async -> [(id: String, owner: String)]? {
        let principal: Principal
        do throws(GatewayError) {
            principal = try await accounting.authenticate(request, model: nil)
        } catch {
            record.errorCode = error.code.rawValue
            writer.respond(error, dialect: dialect, headers: headers)
            return nil
        }
        var entries: [(id: String, owner: String)] = models.names.compactMap { name in
            models.deployment(for: name).map { (name, $0.provider) }
        }
        for router in routing.routers.routers where models.deployment(for: router.id) == nil {
            entries.append((router.id, "switchyard"))
        }
        if let key = principal.key { entries.removeAll { !key.allows(model: $0.id) } }
        return entries
    }

    private static func modelListDialect(_ request: ServerRequest) -> Dialect {
        request.header("anthropic-version") != nil ? .anthropic : .openAI
    }

    private static func write(_ entry: (id: String, owner: String), dialect: Dialect, to json: inout JSONWriter) {
        json.beginObject()
        if dialect == .anthropic {
            json.member("type", "model")
            json.member("id", entry.id)
            json.member("display_name", entry.id)
            json.member("created_at", "1970-01-01T00:00:00Z")
            json.member("lifecycle", "active")
        } else {
            json.member("id", entry.id)
            json.member("object", "model")
            json.member("created", 0)
            json.member("owned_by", entry.owner)
        }
        json.endObject()
    }

    private func respondJSON(_ body: [UInt8], _ writer: ResponseWriter, _ headers: Headers) {
        var headers = headers
        headers.append(name: "Content-Type", value: "application/json")
        writer.respond(status: .ok, headers: headers, body: body)
    }
}
