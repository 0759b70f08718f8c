import Wire

/// UTF-8 bytes of a test string.
func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

/// The error `JSONScanner.validate` throws for `input`, or nil when it is accepted.
func validationError(_ input: [UInt8], maxDepth: Int = JSONScanner.defaultMaxDepth) -> JSONError? {
    do {
        try JSONScanner.validate(input, maxDepth: maxDepth)
        return nil
    } catch {
        return error
    }
}

func validationError(_ input: String) -> JSONError? { validationError(bytes(input)) }

/// The error a token-by-token walk of `input` throws, or nil when it reaches the end.
func walkError(_ input: [UInt8]) -> JSONError? {
    input.withUnsafeBytes { raw -> JSONError? in
        var scanner = JSONScanner(raw)
        do throws(JSONError) {
            while try scanner.next() != .end {}
            return nil
        } catch {
            return error
        }
    }
}

/// The tokens of `input` in order, ending with `.end`.
func tokens(_ input: String) throws -> [JSONToken] {
    let data = bytes(input)
    return try data.withUnsafeBytes { raw in
        var scanner = JSONScanner(raw)
        var result: [JSONToken] = []
        while true {
            let token = try scanner.next()
            result.append(token)
            if token == .end { return result }
        }
    }
}

/// A small, seeded, reproducible generator (SplitMix64) for generated-input tests.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A realistic ~2 KiB OpenAI chat completions request (nested `model` keys included on purpose).
let sampleChatRequest: [UInt8] = {
    let filler = String(repeating: "Please summarise the quarterly report in three bullet points. ", count: 18)
    let text = """
    {"model":"gpt-4o-mini","messages":[{"role":"system","content":"You are a helpful assistant. Reply in English; café ☕ 👋"},\
    {"role":"user","content":"\(filler)"},{"role":"assistant","content":"Sure, here is the \\"summary\\":\\n- one\\n- two"},\
    {"role":"user","content":[{"type":"text","text":"And the model card?"},{"type":"image_url","image_url":{"url":"https://example.com/a.png","detail":"low"}}]}],\
    "tools":[{"type":"function","function":{"name":"lookup","description":"Look up a model","parameters":{"type":"object","properties":{"model":{"type":"string"},"stream":{"type":"boolean"}},"required":["model"]}}}],\
    "temperature":0.7,"max_tokens":512,"stream":true,"user":"u-42"}
    """
    return Array(text.utf8)
}()
