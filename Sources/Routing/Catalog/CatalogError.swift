/// A catalog document or override that cannot be used.
public struct CatalogError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stable machine-readable reason.
    public enum Code: String, Sendable {
        case invalidJSON = "invalid_json"
        case missingField = "missing_field"
        case invalidField = "invalid_field"
        case duplicateID = "duplicate_id"
        case incompleteEntry = "incomplete_entry"
    }

    public var code: Code
    /// Catalog id of the entry at fault, when there is one.
    public var model: String?
    public var message: String

    public init(_ code: Code, model: String? = nil, _ message: String) {
        self.code = code
        self.model = model
        self.message = message
    }

    public var description: String {
        if let model { "catalog \(code.rawValue) (\(model)): \(message)" } else { "catalog \(code.rawValue): \(message)" }
    }
}
