/// How a configured router ranks its eligible candidates (`policy:`; Routing's `RoutingRule`).
public enum RouterPolicy: Sendable, Hashable {
    /// The weighted score over cost, quality, latency and carbon (`policy: scoring`, the default).
    case scoring
    /// Highest predicted quality − knob · estimated cost / reference cost (`policy: utility`);
    /// `knobByCategory` (`knob_by_category`) replaces the knob for requests of those task categories.
    case utility(knob: Double, referenceCostUSD: Double, knobByCategory: [String: Double] = [:])

    /// The built-in `savings` router's values, used for whichever of the two a utility router omits.
    public static let defaultKnob = 0.05
    public static let defaultReferenceCostUSD = 0.01

    /// Task category names `knob_by_category` accepts: Routing's `TaskCategory` raw values,
    /// spelled out here because configuration is read before (and without) the Routing module.
    public static let categoryNames = ["chat", "code", "math", "reasoning", "knowledge", "creative", "extraction"]
}
