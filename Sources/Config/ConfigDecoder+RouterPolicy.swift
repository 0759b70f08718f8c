/// `policy:`, `knob:`, `reference_cost_usd:` and `knob_by_category:` of a configured router.
extension ConfigDecoder {
    func decodeRouterPolicy(_ reader: MappingReader, router: String) throws(ConfigError) -> RouterPolicy {
        let policy = try reader.string("policy", example: "policy: utility")
        let knob = try reader.positiveNumber("knob", example: "knob: 0.05", allowZero: true)
        let reference = try reader.positiveNumber("reference_cost_usd", example: "reference_cost_usd: 0.01")
        let byCategory = try decodeKnobByCategory(reader, router: router)
        switch policy?.value ?? "scoring" {
        case "scoring":
            // A knob on a weighted router would be silently ignored: say so instead.
            for key in ["knob", "reference_cost_usd", "knob_by_category"] {
                if let entry = reader.entry(key) {
                    throw context.error(.conflictingKeys, at: entry.keyPosition,
                                        "router '\(router)' sets \(key), which only the utility policy reads",
                                        fix: "add policy: utility, or remove \(key)")
                }
            }
            return .scoring
        case "utility":
            return .utility(knob: knob ?? RouterPolicy.defaultKnob,
                            referenceCostUSD: reference ?? RouterPolicy.defaultReferenceCostUSD,
                            knobByCategory: byCategory)
        default:
            throw context.error(.invalidValue, at: policy!.position,
                                "router '\(router)' has policy '\(policy!.value)'; known: scoring, utility",
                                fix: "write policy: utility (or scoring, the default)")
        }
    }

    /// `knob_by_category: {code: 0.06, knowledge: 0.045}`: knobs ≥ 0 keyed by task category.
    private func decodeKnobByCategory(_ reader: MappingReader, router: String) throws(ConfigError) -> [String: Double] {
        guard let knobs = try reader.mapping("knob_by_category", place: "in the knob_by_category of router '\(router)'",
                                             example: "knob_by_category: {code: 0.06, knowledge: 0.045}") else { return [:] }
        try knobs.rejectUnknownKeys(allowed: RouterPolicy.categoryNames)
        var out: [String: Double] = [:]
        for name in RouterPolicy.categoryNames {
            if let knob = try knobs.positiveNumber(name, example: "\(name): 0.05", allowZero: true) { out[name] = knob }
        }
        return out
    }
}
