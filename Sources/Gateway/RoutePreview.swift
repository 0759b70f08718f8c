import Config
import Routing

/// The router's decision for a request without sending it (`switchyard route`).
public enum RoutePreview {
    /// Why no plan could be printed: a configuration or request problem, in words for the terminal.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public static func plan(config: GatewayConfig, router id: String, body: [UInt8], json: Bool) throws(Failure) -> String {
        let table: RoutingTable
        do { table = try RoutingTable(config: config) } catch { throw Failure(description: error.description) }
        guard let router = table.router(named: id) else {
            throw Failure(description: "no router '\(id)'; the routers are: \(table.routers.ids.joined(separator: ", "))")
        }
        let features: RequestFeatures
        do { features = try FeatureExtractor.extract(body: body) } catch {
            throw Failure(description: "the request on stdin is not a chat request: \(error)")
        }
        let plan = router.decide(features, stats: table.stats, now: 0)
        return json ? plan.json() : plan.renderTable()
    }
}
