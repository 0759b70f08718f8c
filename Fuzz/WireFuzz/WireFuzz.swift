/// libFuzzer entry point for the Wire module: client request bodies and upstream answers (whole
/// and streamed) in the OpenAI, Anthropic and Gemini dialects. `Fuzz/run-wire.sh` compiles it
/// together with `Sources/Wire`, so internal API is visible. Every property violation traps,
/// which libFuzzer reports as a crash with the input saved. Mutations are libFuzzer's own plus
/// one of `FuzzMutator`'s.

/// Every input goes to every path, with no selector byte: the formats nest (a stream event's
/// data is a whole JSON document, a request or a response is one too), so a mutation found
/// for one path is often what another needs, and an input of the wrong shape is rejected in
/// the first bytes, which costs little beside the path it does fit. Seeds stay plain files
/// that a person can read and edit. Choices that are not format (where to split a stream,
/// which status an error answer came with) are drawn from a hash of the input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = Array(UnsafeBufferPointer(start: data, count: size))
    var rng = FuzzRandom(seed: fnv1a(input))
    FuzzJSON.check(input, rng: &rng)
    FuzzRequests.check(input, rng: &rng)
    FuzzResponses.check(input, rng: &rng)
    FuzzSSE.check(input, rng: &rng)
    FuzzStreams.check(input, rng: &rng)
    return 0
}
