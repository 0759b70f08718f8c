import Ledger
import Loop

/// `GET /admin/spend` (the CLI's `spend --json`) and `GET /admin/stats` (ledger writer counters).
extension Gateway {
    /// `?by=key|team|tag:NAME|model|router|provider&since=…&until=…`; `by` defaults to `key`.
    /// The report runs on a read connection of its own on a worker thread; WAL lets it read
    /// while the writer commits.
    func adminSpend(_ query: Substring?) async throws(AdminError) -> AdminAnswer {
        let parameters = Self.queryParameters(query)
        if let unknown = parameters.keys.first(where: { !["by", "since", "until"].contains($0) }) {
            throw AdminError.badRequest("Unknown parameter '\(unknown)': use by, since and until.", param: unknown)
        }
        let now = WallClock.milliseconds()
        var spend: SpendQuery
        do throws(LedgerError) {
            spend = SpendQuery(by: try SpendGrouping(parsing: parameters["by"] ?? "key"))
        } catch {
            throw AdminError.badRequest(error.message, param: "by")
        }
        for name in ["since", "until"] {
            guard let text = parameters[name] else { continue }
            do {
                let instant = try TimeArgument.instant(text, nowMs: now)
                if name == "since" { spend.since = instant } else { spend.until = instant }
            } catch {
                throw AdminError.badRequest(error.description, param: name)
            }
        }
        let path = accounting.databasePath
        let report = spend
        let result = await EventLoop.shared.offload { () -> Result<[SpendRow], LedgerError> in
            do throws(LedgerError) { return .success(try SQLiteLedger(path: path).spend(report)) } catch { return .failure(error) }
        }
        switch result {
        case .success(let rows): return .ok(Array(SpendRendering.json(rows).utf8))
        case .failure(let failure): throw AdminError(failure)
        }
    }

    /// The ledger writer's counters (rows appended, committed, pending, dropped) and key counts.
    func adminStats() -> AdminAnswer {
        let directory = accounting.keys.directory
        return .ok(AdminJSON.stats(accounting.writer.stats, keys: directory.count, teams: directory.teams.count))
    }

    /// `a=1&b=x%2By`: names and values percent-decoded; a literal `+` stays a plus sign, so an
    /// RFC 3339 offset sent unencoded still reads right.
    nonisolated static func queryParameters(_ query: Substring?) -> [String: String] {
        var parameters: [String: String] = [:]
        for pair in (query ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            parameters[percentDecoded(parts[0])] = parts.count == 2 ? percentDecoded(parts[1]) : ""
        }
        return parameters
    }

    nonisolated static func percentDecoded(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        var input = Array(text.utf8)[...]
        while let byte = input.popFirst() {
            if byte == UInt8(ascii: "%"), input.count >= 2,
               let value = UInt8(String(decoding: input.prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(value)
                input = input.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
