/// `policy:`, `knob:` and `reference_cost_usd:` of a configured router.
extension ConfigDecoder {
    func decodeRouterPolicy(_ reader: MappingReader, router: String) throws(ConfigError) -> RouterPolicy {
        let policy = try reader.string("policy", example: "policy: utility")
        let knob = try reader.positiveNumber("knob", example: "knob: 0.05", allowZero: true)
        let reference = try reader.positiveNumber("reference_cost_usd", example: "reference_cost_usd: 0.01")
        switch policy?.value ?? "scoring" {
        case "scoring":
            // A knob on a weighted router would be silently ignored: say so instead.
            for key in ["knob", "reference_cost_usd"] {
                if let text = try reader.string(key, example: "\(key): 0.05") {
                    throw context.error(.conflictingKeys, at: text.position,
                                        "router '\(router)' sets \(key), which only the utility policy reads",
                                        fix: "add policy: utility, or remove \(key)")
                }
            }
            return .scoring
        case "utility":
            return .utility(knob: knob ?? RouterPolicy.defaultKnob,
                            referenceCostUSD: reference ?? RouterPolicy.defaultReferenceCostUSD)
        default:
            throw context.error(.invalidValue, at: policy!.position,
                                "router '\(router)' has policy '\(policy!.value)'; known: scoring, utility",
                                fix: "write policy: utility (or scoring, the default)")
        }
    }
}
