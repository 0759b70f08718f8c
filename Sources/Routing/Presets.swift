/// Built-in routers usable with no configuration; their candidates are every deployable catalog model.
///
/// `economy`, `quality` and `fast` use the weights ClawPane publishes for its presets; `savings`
/// ranks by the utility rule instead of weights. `auto` is ours:
/// it aims at "no quality loss at lower cost" — only candidates within 0.03 of the best predicted
/// quality are eligible, and among those cost leads (0.45), quality breaks near-ties towards the
/// stronger model (0.35), latency keeps interactive use snappy (0.15) and carbon nudges (0.05).
public enum Presets {
    public static let auto = RouterConfig(
        id: "auto",
        weights: Weights(cost: 0.45, quality: 0.35, latency: 0.15, carbon: 0.05),
        minQuality: 0.5,
        maxQualityDrop: 0.03
    )

    public static let economy = RouterConfig(
        id: "economy",
        weights: Weights(cost: 0.70, quality: 0.20, latency: 0.10),
        minQuality: 0.5,
        maxQualityDrop: 0.10
    )

    public static let quality = RouterConfig(
        id: "quality",
        weights: Weights(cost: 0.10, quality: 0.70, latency: 0.20),
        minQuality: 0.5,
        maxQualityDrop: 0.02
    )

    public static let fast = RouterConfig(
        id: "fast",
        weights: Weights(cost: 0.15, quality: 0.20, latency: 0.65),
        minQuality: 0.5,
        maxQualityDrop: 0.10
    )

    /// The utility rule (`UtilityRule`): give up at most 0.05 of predicted quality to save a cent
    /// per call. Costs are absolute, so long, expensive requests leave the strong models first;
    /// a short chat turn (a fraction of a cent on any model) stays with the best predicted model.
    public static let savings = RouterConfig(
        id: "savings",
        weights: Weights(cost: 0.5, quality: 0.5),
        minQuality: 0.5,
        maxQualityDrop: 1,
        rule: .utility(UtilityRule(knob: 0.05, referenceCostUSD: 0.01))
    )

    public static let all: [RouterConfig] = [auto, economy, quality, fast, savings]

    public static func named(_ id: String) -> RouterConfig? { all.first { $0.id == id } }
}
