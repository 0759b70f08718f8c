import HTTP
import HTTP1

extension Gateway {
    /// `/admin/*`, guarded by the configuration's `admin_key`; without one the API does not exist.
    func admin(_ request: ServerRequest, _ writer: ResponseWriter, _ record: inout RequestRecord, _ headers: Headers) async {
        guard config.adminKey != nil else {
            record.errorCode = GatewayError.Code.notFound.rawValue
            writer.respond(GatewayError(.notFound, status: .notFound, "Unknown path \(request.path)."), headers: headers)
            return
        }
        writer.respond(GatewayError(.notFound, status: .notFound, "Unknown path \(request.path)."), headers: headers)
    }
}
