import Ledger
import Wire

/// The JSON bodies of `POST /admin/keys` and `POST /admin/teams`, read with the same rules as
/// the CLI's flags (`KeyArguments`). Unknown members are refused so a typo cannot silently
/// drop a limit.
enum AdminBody {
    static let keyMembers: Set = ["name", "team", "tags", "models", "rpm", "tpm", "budget", "budget_period", "expires"]
    static let teamMembers: Set = ["name", "rpm", "tpm", "budget", "budget_period"]

    /// A new key's settings. `tags` is an object or a list of `NAME=VALUE`; `models` a list or
    /// comma-separated text; `budget` dollars as a number or text.
    static func keySpec(_ body: [UInt8], nowMs: Int64) throws(KeyArguments.Invalid) -> KeySpec {
        let object = try parse(body, allowed: keyMembers)
        guard let name = object["name"]?.string, !name.isEmpty else {
            throw KeyArguments.Invalid("'name' is required: a non-empty string", param: "name")
        }
        var spec = KeySpec(name: name)
        spec.team = try string(object, "team")
        switch object["tags"] {
        case nil, .null?: break
        case .object(let tags)?:
            var map: [String: String] = [:]
            for member in tags {
                guard let value = member.value.string else { throw KeyArguments.Invalid("tag '\(member.key)' must have a string value", param: "tags") }
                map[member.key] = try KeyArguments.checkedTag(name: member.key, value: value)
            }
            try KeyArguments.checkCount(map)
            spec.tags = map
        case .array(let items)?:
            spec.tags = try KeyArguments.tags(try strings(items, "tags"))
        default:
            throw KeyArguments.Invalid("'tags' must be an object of strings or a list of NAME=VALUE", param: "tags")
        }
        switch object["models"] {
        case nil, .null?: break
        case .string(let text)?: spec.allowedModels = try KeyArguments.models(text)
        case .array(let items)?: spec.allowedModels = try KeyArguments.models(try strings(items, "models").joined(separator: ","))
        default: throw KeyArguments.Invalid("'models' must be a list of model names", param: "models")
        }
        spec.rpm = try KeyArguments.limit(try int(object, "rpm"), name: "rpm")
        spec.tpm = try KeyArguments.limit(try int(object, "tpm"), name: "tpm")
        spec.budget = try KeyArguments.budget(usd: try dollars(object), period: try string(object, "budget_period"))
        if let expires = try string(object, "expires") {
            do { spec.expiresAtMs = try TimeArgument.expiry(expires, nowMs: nowMs) } catch {
                throw KeyArguments.Invalid(error.description, param: "expires")
            }
        }
        return spec
    }

    /// A change to a team: absent members keep their value, `null` removes the limit.
    static func teamUpdate(_ body: [UInt8]) throws(KeyArguments.Invalid) -> TeamUpdate {
        let object = try parse(body, allowed: teamMembers)
        guard let name = object["name"]?.string else {
            throw KeyArguments.Invalid("'name' is required: a non-empty string", param: "name")
        }
        var update = TeamUpdate(name: name)
        update.rpm = try change(object, "rpm") { value throws(KeyArguments.Invalid) in try KeyArguments.limit(value, name: "rpm")! }
        update.tpm = try change(object, "tpm") { value throws(KeyArguments.Invalid) in try KeyArguments.limit(value, name: "tpm")! }
        if object["budget"]?.isNull == true {
            update.budget = .clear
        } else if let budget = try KeyArguments.budget(usd: try dollars(object), period: try string(object, "budget_period")) {
            update.budget = .set(budget)
        }
        return update
    }

    private static func parse(_ body: [UInt8], allowed: Set<String>) throws(KeyArguments.Invalid) -> JSONObject {
        guard let object = (try? JSONValue.parse(body))?.object else {
            throw KeyArguments.Invalid("the body must be a JSON object")
        }
        if let unknown = object.keys.first(where: { !allowed.contains($0) }) {
            throw KeyArguments.Invalid("unknown member '\(unknown)': use \(allowed.sorted().joined(separator: ", "))", param: unknown)
        }
        return object
    }

    private static func string(_ object: JSONObject, _ name: String) throws(KeyArguments.Invalid) -> String? {
        switch object[name] {
        case nil, .null?: return nil
        case .string(let text)?: return text
        default: throw KeyArguments.Invalid("'\(name)' must be a string", param: name)
        }
    }

    private static func int(_ object: JSONObject, _ name: String) throws(KeyArguments.Invalid) -> Int? {
        guard let value = object[name], !value.isNull else { return nil }
        guard let number = value.int else { throw KeyArguments.Invalid("'\(name)' must be a whole number", param: name) }
        return number
    }

    private static func change(_ object: JSONObject, _ name: String,
                               _ check: (Int) throws(KeyArguments.Invalid) -> Int) throws(KeyArguments.Invalid) -> TeamUpdate.Change<Int> {
        guard let value = object[name] else { return .keep }
        if value.isNull { return .clear }
        guard let number = value.int else { throw KeyArguments.Invalid("'\(name)' must be a whole number or null", param: name) }
        return .set(try check(number))
    }

    /// `budget` as the text `KeyArguments.usdMicros` reads: JSON numbers keep their own digits.
    private static func dollars(_ object: JSONObject) throws(KeyArguments.Invalid) -> String? {
        switch object["budget"] {
        case nil, .null?: return nil
        case .string(let text)?: return text
        case .number(let number)?:
            if let whole = number.int { return String(whole) }
            return plainDecimal(number.double)
        default: throw KeyArguments.Invalid("'budget' must be US dollars as a number", param: "budget")
        }
    }

    /// A double in positional notation with at most six decimals (never `1e-05`).
    private static func plainDecimal(_ value: Double) -> String {
        guard value.isFinite, value >= 0, value < 1e12 else { return "-" }
        let micros = Int64((value * 1_000_000).rounded())
        return SpendRendering.usd(micros)
    }

    private static func strings(_ items: [JSONValue], _ name: String) throws(KeyArguments.Invalid) -> [String] {
        var out: [String] = []
        for item in items {
            guard let text = item.string else { throw KeyArguments.Invalid("'\(name)' must hold strings", param: name) }
            out.append(text)
        }
        return out
    }
}
