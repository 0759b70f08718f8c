import Wire

/// Per-record predicted quality as JSON lines, `{"id": "...", "predicted": {"model": 0.83, ...}}`,
/// for analysis beside the outcome files (joined on `id`): `router train --out-of-fold FILE`
/// writes the cross-fitted predictions of the training records, `eval --predictions FILE` the
/// test records' predictions from the weights.
public enum PredictionFile {
    public static func write(ids: [String], models: [String], predictions: [[Double]], to path: String) throws(EvalError) {
        var lines: [String] = []
        for (id, row) in zip(ids, predictions) where row.count == models.count {
            var w = JSONWriter(capacity: 64 + 48 * models.count)
            w.beginObject()
            w.member("id", id)
            w.key("predicted")
            w.beginObject()
            for (model, p) in zip(models, row) {
                w.key(model)
                w.double(p)
            }
            w.endObject()
            w.endObject()
            lines.append(String(decoding: w.bytes, as: UTF8.self))
        }
        try TextFile.write(lines.joined(separator: "\n") + "\n", to: path)
    }
}
