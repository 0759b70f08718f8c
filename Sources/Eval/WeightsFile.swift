import Routing
import Wire

/// `weights.json`: the difficulty model's members plus `"router_calibration"`, one entry per suite.
///
/// The gateway reads it with `DifficultyModel.decode`, which ignores the calibration member.
public struct WeightsFile: Sendable, Equatable {
    public var model: DifficultyModel
    public var suites: [SuiteCalibration]

    public init(model: DifficultyModel, suites: [SuiteCalibration] = []) {
        self.model = model
        self.suites = suites
    }

    public func suite(named name: String) -> SuiteCalibration? {
        suites.first { $0.suite == name }
    }

    public func encoded() -> String {
        var w = JSONWriter(capacity: 128 * 1024)
        w.beginObject()
        model.writeMembers(to: &w)
        w.key("router_calibration")
        w.beginArray()
        for suite in suites { Self.write(suite, to: &w) }
        w.endArray()
        w.endObject()
        return String(decoding: w.bytes, as: UTF8.self)
    }

    public static func decode(_ text: String) throws(EvalError) -> WeightsFile {
        let json: JSONValue
        do { json = try JSONValue.parse(text) } catch { throw EvalError(.invalidRecord, "weights: not JSON: \(error)") }
        let model: DifficultyModel
        do { model = try DifficultyModel.decode(json) } catch { throw EvalError(.invalidRecord, "weights: \(error)") }
        var suites: [SuiteCalibration] = []
        for entry in json["router_calibration"]?.array ?? [] {
            guard let name = entry["suite"]?.string, let strongest = entry["strongest"]?.string,
                  let models = entry["models"]?.array?.compactMap(\.string)
            else { throw EvalError(.invalidRecord, "weights: a router_calibration entry lacks suite, strongest or models") }
            let costs = nested(entry["costs"])
            let knobs = nested(entry["knobs"])
            var suite = SuiteCalibration(suite: name, models: models, strongest: strongest, costs: CostTable(means: costs),
                                         knobs: knobs, utilityCostScale: entry["utility_cost_scale"]?.double)
            suite.categoryKnobs = nested(entry["utility_category_knobs"])
            suites.append(suite)
        }
        return WeightsFile(model: model, suites: suites)
    }

    /// `{"outer": {"inner": number}}` as nested dictionaries (non-numbers skipped).
    private static func nested(_ value: JSONValue?) -> [String: [String: Double]] {
        var out: [String: [String: Double]] = [:]
        for member in value?.object?.members ?? [] {
            out[member.key] = Dictionary(uniqueKeysWithValues: (member.value.object?.members ?? []).compactMap { m in
                m.value.double.map { (m.key, $0) }
            })
        }
        return out
    }

    public static func read(_ path: String) throws(EvalError) -> WeightsFile {
        try decode(try TextFile.read(path))
    }

    public func write(to path: String) throws(EvalError) {
        try TextFile.write(encoded() + "\n", to: path)
    }

    private static func write(_ suite: SuiteCalibration, to w: inout JSONWriter) {
        w.beginObject()
        w.member("suite", suite.suite)
        w.member("strongest", suite.strongest)
        w.key("models")
        w.beginArray()
        for model in suite.models { w.string(model) }
        w.endArray()
        writeNested("costs", suite.costs.means, to: &w)
        writeNested("knobs", suite.knobs, to: &w)
        if let scale = suite.utilityCostScale {
            w.key("utility_cost_scale")
            w.double(scale)
        }
        if !suite.categoryKnobs.isEmpty { writeNested("utility_category_knobs", suite.categoryKnobs, to: &w) }
        w.endObject()
    }

    private static func writeNested(_ key: String, _ value: [String: [String: Double]], to w: inout JSONWriter) {
        w.key(key)
        w.beginObject()
        for outer in value.keys.sorted() {
            w.key(outer)
            w.beginObject()
            for inner in value[outer]!.keys.sorted() {
                w.key(inner)
                w.double(value[outer]![inner]!)
            }
            w.endObject()
        }
        w.endObject()
    }
}
