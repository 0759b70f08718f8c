#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The documented estimation methods that turn catalog inputs into router numbers.
extension Catalog {
    /// Grid intensity assumed for inference data centres, gCO2e per Wh (about the 2024 world average).
    public static let gridGramsPerWh = 0.40
    /// Data-centre overhead on IT energy (power usage effectiveness).
    public static let powerUsageEffectiveness = 1.15
    /// Energy per generated token on current accelerators with batching: joules = slope x active B + floor.
    public static let joulesPerTokenPerBillionParams = 0.0035
    public static let joulesPerTokenFloor = 0.05
    /// Share of one generated token's energy that one prompt token costs (prefill runs in parallel).
    public static let inputTokenEnergyShare = 0.1

    /// gCO2e per 1,000 generated tokens for a model with `activeParamsB` active parameters.
    public static func carbonGramsPer1k(activeParamsB: Double) -> Double {
        let joules = (joulesPerTokenPerBillionParams * activeParamsB + joulesPerTokenFloor) * powerUsageEffectiveness
        let wattHours = joules * 1000 / 3600
        return wattHours * gridGramsPerWh
    }

    /// Chat quality from an Arena Elo: the expected win rate against a GPT-3.5-class answer (Elo 1100).
    public static func arenaQuality(elo: Double) -> Double {
        1 / (1 + pow(10, (1100 - elo) / 400))
    }
}
