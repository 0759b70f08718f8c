/// Converts `routerbench-subset` (RouterDC's zero-shot split of RouterBench) to outcome records.
///
/// Scores are the 0/1 columns, costs the `<model>|total_cost` columns (RouterBench's per-call USD);
/// an empty cell leaves that model out of the record. The prompt is the Python-list `prompt`
/// column with its parts joined by blank lines. Groups are `arc_challenge`, `mbpp`, `winogrande`
/// (the files spell it `winograde`); the dataset is `routerbench`. The given train/test files are
/// kept as they are.
public enum RouterBenchConverter {
    public static let dataset = "routerbench"
    /// (file stem, group)
    public static let parts = [("arc_challenge", "arc_challenge"), ("mbpp", "mbpp"), ("winograde", "winogrande")]

    /// Records of one split (`train` or `test`) from the folder holding the six CSV files.
    public static func convert(folder: String, split: String) throws(EvalError) -> [OutcomeRecord] {
        var records: [OutcomeRecord] = []
        for (stem, group) in parts {
            let table = try CSVTable.read("\(folder)/\(stem)_\(split).csv")
            records += try convert(table, group: group)
        }
        return records
    }

    /// Records of one parsed CSV file.
    public static func convert(_ table: CSVTable, group: String) throws(EvalError) -> [OutcomeRecord] {
        let idColumn = try table.require("sample_id")
        let promptColumn = try table.require("prompt")
        let models = table.header.compactMap { name -> (name: String, score: Int, cost: Int)? in
            guard !name.contains("|"), let cost = table.column(name + "|total_cost"), let score = table.column(name) else {
                return nil
            }
            return (name, score, cost)
        }
        guard !models.isEmpty else { throw EvalError(.missingColumn, "no model columns with a <model>|total_cost twin") }
        var records: [OutcomeRecord] = []
        records.reserveCapacity(table.rows.count)
        for row in table.rows where row.count > promptColumn {
            var scores: [String: Double] = [:], costs: [String: Double] = [:]
            for model in models {
                if let score = Double(table.value(row, model.score)) { scores[model.name] = score }
                if let cost = Double(table.value(row, model.cost)) { costs[model.name] = cost }
            }
            let prompt = PythonStringList.parse(table.value(row, promptColumn)).joined(separator: "\n\n")
            records.append(OutcomeRecord(
                id: table.value(row, idColumn), prompt: prompt, group: group, dataset: dataset,
                scores: scores, costs: costs
            ))
        }
        return records
    }
}
