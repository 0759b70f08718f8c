import Logging
import Reliability

extension Gateway {
    /// A provider key was taken out after a 401/403: one structured warning naming the provider
    /// and the key id (never the key), and the count in `/metrics`. Runs once per key, when its
    /// pool takes it out, not on every request that finds it out.
    func reportDisabledKey(provider: String, key: KeyPool.Key) {
        logger.warning("provider key disabled", metadata: [
            "provider": .string(provider), "key": .string(key.id),
            "reason": "rejected with 401 or 403; out of rotation until the configuration is reloaded",
        ])
        metrics.registry.add("switchyard_provider_key_disabled_total", [provider, key.id])
    }

    /// The `switchyard_provider_key_disabled` gauge: 1 for each key taken out, 0 for the others
    /// in rotation. Rebuilt at each scrape so keys removed by a reload disappear.
    func renderKeyGauges() {
        metrics.registry.clear("switchyard_provider_key_disabled")
        for (provider, pool) in keyPools {
            let revoked = Set(pool.revokedIDs)
            for key in pool.keys {
                metrics.registry.set("switchyard_provider_key_disabled", [provider, key.id], revoked.contains(key.id) ? 1 : 0)
            }
        }
    }
}
