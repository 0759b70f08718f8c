/// How a configured router ranks its eligible candidates (`policy:`; Routing's `RoutingRule`).
public enum RouterPolicy: Sendable, Hashable {
    /// The weighted score over cost, quality, latency and carbon (`policy: scoring`, the default).
    case scoring
    /// Highest predicted quality − knob · estimated cost / reference cost (`policy: utility`).
    case utility(knob: Double, referenceCostUSD: Double)

    /// The built-in `savings` router's values, used for whichever of the two a utility router omits.
    public static let defaultKnob = 0.05
    public static let defaultReferenceCostUSD = 0.01
}
