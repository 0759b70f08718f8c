import Wire

/// Decoding of the catalog's JSON format (documented in `CatalogData`'s `_about`).
extension Catalog {
    /// Decodes one catalog document: `{"_about": ..., "price_sources": {...}, "models": [...]}`.
    public static func decode(_ text: String) throws(CatalogError) -> Catalog {
        let document: JSONValue
        do { document = try JSONValue.parse(text) } catch {
            throw CatalogError(.invalidJSON, "\(error)")
        }
        guard case .object = document else { throw CatalogError(.invalidJSON, "top level is not an object") }
        guard let entries = document["models"]?.array else { throw CatalogError(.missingField, "'models' array") }
        let sources = document["price_sources"]
        var models: [CatalogModel] = []
        models.reserveCapacity(entries.count)
        for entry in entries {
            models.append(try decodeModel(entry, priceSources: sources))
        }
        return try Catalog(models: models)
    }

    static func decodeModel(_ entry: JSONValue, priceSources: JSONValue?) throws(CatalogError) -> CatalogModel {
        let fields = EntryReader(entry: entry, model: entry["id"]?.string)
        let id = try fields.string("id")
        let family = try fields.string("family")
        let host = fields.optionalString("host") ?? family
        let price = try fields.object("price")
        let readOn = price["read"]?.string ?? priceSources?[host]?["read"]?.string
        guard let readOn else {
            throw CatalogError(.missingField, model: id, "price.read (or price_sources.\(host).read)")
        }
        let pricing = Pricing(
            inputPerMTok: try fields.number(in: price, "in"),
            outputPerMTok: try fields.number(in: price, "out"),
            cachedInputPerMTok: price["cached_in"]?.double,
            cacheWritePerMTok: price["cache_write"]?.double,
            readOn: readOn
        )
        var capabilities: Capabilities = []
        for name in try fields.strings("caps") {
            guard let flag = Capabilities(name: name) else {
                throw CatalogError(.invalidField, model: id, "unknown capability '\(name)'")
            }
            capabilities.insert(flag)
        }
        let benchmarks = entry["bench"].map { bench in
            Benchmarks(
                mmluPro: bench["mmlu_pro"]?.double, gpqaDiamond: bench["gpqa"]?.double,
                humanEval: bench["humaneval"]?.double, math: bench["math"]?.double, arenaElo: bench["arena"]?.double
            )
        }
        let abilities = try decodeAbilities(entry["quality"], benchmarks: benchmarks, model: id)
        return CatalogModel(
            id: id,
            family: family,
            host: host,
            aliases: entry["aliases"]?.array?.compactMap(\.string) ?? [],
            pricing: pricing,
            contextWindow: try fields.int("context"),
            maxOutputTokens: try fields.int("max_output"),
            capabilities: capabilities,
            abilities: abilities,
            benchmarks: benchmarks,
            qualityBasis: fields.optionalString("basis") ?? (entry["quality"] == nil ? "reported" : "configured"),
            seedLatency: LatencySeed(ttftMs: try fields.number("ttft_ms"), tokensPerSecond: try fields.number("tps")),
            activeParamsB: try fields.number("active_b"),
            reasoningTokenFactor: entry["think"]?.double ?? 1,
            carbonGramsPer1kTokens: entry["carbon_g_per_1k"]?.double,
            legacy: entry["legacy"]?.bool ?? false
        )
    }

    /// Explicit `quality` values win per category over those derived from `bench`.
    static func decodeAbilities(
        _ quality: JSONValue?, benchmarks: Benchmarks?, model: String
    ) throws(CatalogError) -> ModelAbilities {
        var explicit: [TaskCategory: Double] = [:]
        if let members = quality?.object {
            for member in members {
                guard let category = TaskCategory(rawValue: member.key), let value = member.value.double,
                      (0...1).contains(value)
                else { throw CatalogError(.invalidField, model: model, "quality.\(member.key)") }
                explicit[category] = value
            }
        }
        let derived = benchmarks.flatMap(ModelAbilities.init(benchmarks:))
        guard derived != nil || !explicit.isEmpty else {
            throw CatalogError(.missingField, model: model, "'quality' or 'bench'")
        }
        let fallback = explicit.isEmpty ? 0.5 : explicit.values.reduce(0, +) / Double(explicit.count)
        var values = derived?.byCategory ?? Array(repeating: fallback, count: TaskCategory.allCases.count)
        for (category, value) in explicit { values[category.index] = value }
        return ModelAbilities(byCategory: values)
    }
}
