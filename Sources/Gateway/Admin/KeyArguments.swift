import Ledger

/// The text forms of a key's or team's settings (`--tag agent=triage`, `--budget 12.50`, …),
/// parsed the same way by the CLI and the admin API so both refuse the same input.
public enum KeyArguments {
    /// A setting that cannot be used; `description` says what to send instead.
    public struct Invalid: Error, Sendable, Equatable, CustomStringConvertible {
        public let description: String
        /// The admin API's JSON member at fault, for the error's `param`.
        public let param: String?

        public init(_ description: String, param: String? = nil) {
            self.description = description
            self.param = param
        }
    }

    /// Budgets above this are a typo, and stay far from `Int64` overflow in micro-dollars.
    static let maxBudgetUSD: Int64 = 1_000_000_000

    /// `name=value` pairs, with the same rules as request tags (`x-switchyard-tags`).
    public static func tags(_ items: [String]) throws(Invalid) -> [String: String] {
        var tags: [String: String] = [:]
        for item in items {
            let pair = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair.count == 2 else { throw Invalid("tag '\(item)' is not NAME=VALUE", param: "tags") }
            tags[String(pair[0])] = try checkedTag(name: String(pair[0]), value: String(pair[1]))
        }
        try checkCount(tags)
        return tags
    }

    /// Checks one tag against the request-tag rules and the per-key maximum.
    static func checkedTag(name: String, value: String) throws(Invalid) -> String {
        do { try Attribution.check(name: name, value: value) } catch {
            throw Invalid(error.message, param: "tags")
        }
        return value
    }

    /// Checks the number of tags a key carries.
    static func checkCount(_ tags: [String: String]) throws(Invalid) {
        guard tags.count <= Attribution.maxTags else {
            throw Invalid("a key carries at most \(Attribution.maxTags) tags, not \(tags.count)", param: "tags")
        }
    }

    /// `gpt-4o,mini` (commas, spaces around names ignored); an empty entry is a typo.
    public static func models(_ text: String) throws(Invalid) -> [String] {
        let names = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingSpaces() }
        guard !names.contains(where: \.isEmpty) else {
            throw Invalid("the model list '\(text)' has an empty entry: use NAME,NAME", param: "models")
        }
        return names
    }

    /// A positive requests- or tokens-per-minute limit.
    public static func limit(_ value: Int?, name: String) throws(Invalid) -> Int? {
        guard let value else { return nil }
        guard value > 0 else { throw Invalid("\(name) must be a positive number per minute, not \(value)", param: name) }
        return value
    }

    /// US dollars as plain decimal text (`12`, `0.50`, `0.000001`) in exact micro-dollars.
    public static func usdMicros(_ text: String) throws(Invalid) -> Int64 {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts[0], fraction = parts.count == 2 ? parts[1] : ""
        guard !whole.isEmpty || !fraction.isEmpty, whole.utf8.allSatisfy(isDigit), fraction.utf8.allSatisfy(isDigit),
              parts.count == 1 || !fraction.isEmpty else {
            throw Invalid("budget '\(text)' is not an amount of US dollars like 25 or 0.50", param: "budget")
        }
        guard fraction.count <= 6 else {
            throw Invalid("budget '\(text)' has more than six decimals (the ledger counts micro-dollars)", param: "budget")
        }
        guard let dollars = Int64(whole.isEmpty ? "0" : String(whole)), dollars <= maxBudgetUSD else {
            throw Invalid("budget '\(text)' is larger than \(maxBudgetUSD) USD", param: "budget")
        }
        let micros = Int64(fraction + String(repeating: "0", count: 6 - fraction.count)) ?? 0
        return dollars * 1_000_000 + micros
    }

    /// `day`, `week`, `month` (calendar periods in UTC) or `rolling:<hours>h`.
    public static func period(_ text: String) throws(Invalid) -> BudgetSpec.Period {
        guard let period = BudgetSpec.Period(text: text) else {
            throw Invalid("budget period '\(text)' is not day, week, month or rolling:<hours>h (e.g. rolling:24h)", param: "budget_period")
        }
        return period
    }

    /// A budget from its two settings; one without the other is refused rather than guessed.
    public static func budget(usd: String?, period: String?) throws(Invalid) -> BudgetSpec? {
        switch (usd, period) {
        case (nil, nil):
            return nil
        case (let usd?, let period?):
            return BudgetSpec(limitMicros: try usdMicros(usd), period: try self.period(period))
        case (_?, nil):
            throw Invalid("a budget needs a period (--budget-period or budget_period): day, week, month or rolling:<hours>h", param: "budget_period")
        case (nil, _?):
            throw Invalid("a budget period needs a budget (--budget or budget) in US dollars", param: "budget")
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
}
