import Wire

/// Typed field access on one catalog entry, with errors that name the entry and the field.
struct EntryReader {
    let entry: JSONValue
    let model: String?

    func string(_ key: String) throws(CatalogError) -> String {
        guard let value = entry[key]?.string, !value.isEmpty else {
            throw CatalogError(.missingField, model: model, "'\(key)'")
        }
        return value
    }

    func optionalString(_ key: String) -> String? { entry[key]?.string }

    func strings(_ key: String) throws(CatalogError) -> [String] {
        guard let values = entry[key]?.array else { throw CatalogError(.missingField, model: model, "'\(key)'") }
        var result: [String] = []
        for value in values {
            guard let text = value.string else { throw CatalogError(.invalidField, model: model, "'\(key)'") }
            result.append(text)
        }
        return result
    }

    func object(_ key: String) throws(CatalogError) -> JSONValue {
        guard let value = entry[key], value.object != nil else {
            throw CatalogError(.missingField, model: model, "'\(key)' object")
        }
        return value
    }

    func number(_ key: String) throws(CatalogError) -> Double {
        try number(in: entry, key)
    }

    /// A finite, non-negative number.
    func number(in container: JSONValue, _ key: String) throws(CatalogError) -> Double {
        guard let value = container[key] else { throw CatalogError(.missingField, model: model, "'\(key)'") }
        guard let number = value.double, number >= 0, number.isFinite else {
            throw CatalogError(.invalidField, model: model, "'\(key)' must be a non-negative number")
        }
        return number
    }

    func int(_ key: String) throws(CatalogError) -> Int {
        guard let value = entry[key]?.int, value > 0 else {
            throw CatalogError(.invalidField, model: model, "'\(key)' must be a positive integer")
        }
        return value
    }
}
