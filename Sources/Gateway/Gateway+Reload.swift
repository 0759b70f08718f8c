import Config
import Logging

extension Gateway {
    /// Applies a new configuration to requests that start from now on. Requests in flight keep
    /// the `Deployment` values they resolved, so they finish on the old settings.
    ///
    /// The listen address and server limits are fixed at start: a change is reported, not applied.
    public func apply(_ new: GatewayConfig) {
        if new.listen != config.listen || new.server != config.server {
            logger.warning("reload: listen address and server limits apply only at restart")
        }
        do { routing = try RoutingTable(config: new) } catch {
            logger.error("reload refused: the running configuration stays", metadata: ["error": .string(error.description)])
            return
        }
        models = ModelTable(config: new)
        tagLimits = Self.tagLimitTable(new)
        applyReliability(new)
        config = new
        logger.notice("configuration reloaded", metadata: ["summary": .string(new.startupSummary)])
    }
}
