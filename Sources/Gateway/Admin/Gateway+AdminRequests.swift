import Ledger
import Loop

/// `GET /admin/requests` (recent ledger rows, filtered) and `GET /admin/requests/{id}` (one row,
/// by the `x-switchyard-request-id` its response carried).
extension Gateway {
    /// `?key=…&team=…&model=…&router=…&tag=NAME=value&errors=true&since=…&until=…&limit=…`.
    func adminRequests(_ query: Substring?) async throws(AdminError) -> AdminAnswer {
        let filter: RequestFilter
        do throws(KeyArguments.Invalid) {
            filter = try RequestFilterArguments.filter(Self.queryParameters(query), nowMs: WallClock.milliseconds())
        } catch {
            throw AdminError(error)
        }
        return .ok(AdminJSON.requests(try await lookUpRequests(filter)))
    }

    /// The row of one request id, with its stored bodies if the ledger keeps them.
    func adminRequest(_ id: String) async throws(AdminError) -> AdminAnswer {
        guard let row = try await lookUpRequests(RequestFilter(requestID: id, limit: 1)).first else {
            throw AdminError.notFound("No request '\(id)' in the ledger (retention may have rolled it up).")
        }
        return .ok(AdminJSON.request(row))
    }

    /// Runs the lookup on a read connection of its own on a worker thread, as spend reports do.
    private func lookUpRequests(_ filter: RequestFilter) async throws(AdminError) -> [LedgerRow] {
        let path = accounting.databasePath
        let result = await EventLoop.shared.offload { () -> Result<[LedgerRow], LedgerError> in
            do throws(LedgerError) { return .success(try SQLiteLedger(path: path).requests(filter)) } catch { return .failure(error) }
        }
        switch result {
        case .success(let rows): return rows
        case .failure(let failure): throw AdminError(failure)
        }
    }
}
