import Ledger

/// The text form of a request lookup (`key`, `tag=agent=triage`, `since=24h`, `limit=20`, …),
/// read the same way by `GET /admin/requests` and `switchyard requests`, so both refuse the
/// same input.
public enum RequestFilterArguments {
    /// The names a lookup takes, in the order help text lists them.
    public static let names = ["id", "key", "team", "model", "router", "tag", "errors", "since", "until", "limit"]

    /// Builds a filter from `name: text` pairs; an unknown name, a bad time, tag or limit is
    /// `KeyArguments.Invalid` naming the parameter at fault.
    public static func filter(_ parameters: [String: String], nowMs: Int64) throws(KeyArguments.Invalid) -> RequestFilter {
        if let unknown = parameters.keys.sorted().first(where: { !names.contains($0) }) {
            throw KeyArguments.Invalid("unknown parameter '\(unknown)': use \(names.joined(separator: ", "))", param: unknown)
        }
        var filter = RequestFilter()
        filter.requestID = parameters["id"]
        filter.keyID = parameters["key"]
        filter.team = parameters["team"]
        filter.model = parameters["model"]
        filter.router = parameters["router"]
        if let text = parameters["tag"] {
            let pair = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair.count == 2, !pair[0].isEmpty else { throw KeyArguments.Invalid("tag '\(text)' is not NAME=VALUE", param: "tag") }
            filter.tag = (String(pair[0]), String(pair[1]))
        }
        if let text = parameters["errors"] {
            switch text {
            case "", "true", "1": filter.errorsOnly = true
            case "false", "0": filter.errorsOnly = false
            default: throw KeyArguments.Invalid("errors is true or false, not '\(text)'", param: "errors")
            }
        }
        for name in ["since", "until"] {
            guard let text = parameters[name] else { continue }
            do {
                let instant = try TimeArgument.instant(text, nowMs: nowMs)
                if name == "since" { filter.since = instant } else { filter.until = instant }
            } catch {
                throw KeyArguments.Invalid("\(name): \(error.description)", param: name)
            }
        }
        if let lower = filter.since, let upper = filter.until, lower >= upper {
            throw KeyArguments.Invalid("since (\(TimeArgument.format(lower))) must be before until (\(TimeArgument.format(upper)))",
                                       param: "since")
        }
        if let text = parameters["limit"] {
            guard let limit = Int(text), (1...RequestFilter.maxLimit).contains(limit) else {
                throw KeyArguments.Invalid("limit is a whole number from 1 to \(RequestFilter.maxLimit), not '\(text)'", param: "limit")
            }
            filter.limit = limit
        }
        return filter
    }
}
