import HTTP
import HTTP1
import Ledger
import Wire

/// A failed admin call, answered as OpenAI's error object like every other gateway error.
///
/// Its own type rather than `GatewayError`: admin failures (a missing key id, a store error)
/// are not request classes the pipeline counts, and the admin API needs 409 and 500.
struct AdminError: Error {
    let status: HTTPStatus
    let error: OpenAIError

    init(_ status: HTTPStatus, _ type: OpenAIError.Kind, code: String, _ message: String, param: String? = nil) {
        self.status = status
        self.error = OpenAIError(message: message, type: type, param: param, code: code)
    }

    static let unauthorized = AdminError(
        .unauthorized, .authentication, code: GatewayError.Code.unauthorized.rawValue,
        "The admin API needs 'Authorization: Bearer <admin_key>' with the configuration's admin_key.")

    static func badRequest(_ message: String, param: String? = nil) -> AdminError {
        AdminError(.badRequest, .invalidRequest, code: GatewayError.Code.invalidField.rawValue, message, param: param)
    }

    static func notFound(_ message: String) -> AdminError {
        AdminError(.notFound, .notFound, code: GatewayError.Code.notFound.rawValue, message)
    }

    static func methodNotAllowed(_ method: String, _ path: Substring) -> AdminError {
        AdminError(HTTPStatus(405), .invalidRequest, code: GatewayError.Code.methodNotAllowed.rawValue,
                   "Method \(method) is not allowed on \(path).")
    }

    static func conflict(_ message: String) -> AdminError {
        AdminError(HTTPStatus(409), .invalidRequest, code: "conflict", message)
    }

    static func internalError(_ message: String) -> AdminError {
        AdminError(HTTPStatus(500), .api, code: "internal_error", message)
    }

    /// A store failure: a missing key or team is 404, a refused value 400, SQLite itself 500.
    init(_ failure: LedgerError) {
        switch failure.code {
        case .notFound: self = .notFound(failure.message)
        case .invalid: self = .badRequest(failure.message)
        default: self = .internalError("The key store failed: \(failure.description)")
        }
    }

    init(_ invalid: KeyArguments.Invalid) {
        self = .badRequest(invalid.description, param: invalid.param)
    }
}

extension ResponseWriter {
    /// Answers an admin failure as JSON.
    func respond(_ failure: AdminError, headers: Headers) {
        var headers = headers
        headers.append(name: "Content-Type", value: "application/json")
        respond(status: failure.status, headers: headers, body: failure.error.encoded())
    }
}
