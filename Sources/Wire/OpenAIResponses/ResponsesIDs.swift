/// The ids of a Responses answer, derived from the upstream's answer id so that the stream and
/// the whole answer for the same content carry the same ones, as `AnthropicResponseEncoder`
/// derives `msg_` ids: `resp_<id>` (kept when the id has the prefix), and per output item
/// `msg_` / `fc_` / `rs_` + the response id's body + `_<output index>`, unique within the answer.
enum ResponsesIDs {
    static func response(_ id: String) -> String {
        id.hasPrefix("resp_") ? id : "resp_" + id
    }

    /// `prefix` is `msg_`, `fc_` or `rs_`; `responseID` is already in `resp_` form.
    static func item(_ prefix: String, responseID: String, index: Int) -> String {
        prefix + responseID.dropFirst(5) + "_" + String(index)
    }
}
