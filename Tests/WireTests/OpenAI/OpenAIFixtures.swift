import Wire

/// Bodies and streams shaped as OpenAI's API reference shows them, and helpers to run them
/// through the codec. Namespaced so that other dialects' test helpers cannot collide.
enum OpenAIFixtures {
    /// A request using every member the decoder maps.
    static let fullRequest = #"""
    {
      "model": "gpt-4o",
      "messages": [
        {"role": "developer", "content": "You are a helpful assistant."},
        {"role": "system", "content": [{"type": "text", "text": "Answer in English."}]},
        {"role": "user", "content": [
          {"type": "text", "text": "What's in this image, and what's the weather in Paris and Boston?"},
          {"type": "image_url", "image_url": {"url": "https://example.com/boardwalk.jpg", "detail": "high"}},
          {"type": "image_url", "image_url": {"url": "data:image/png;base64,iVBORw0KGgo="}}
        ]},
        {"role": "assistant", "content": null, "tool_calls": [
          {"id": "call_abc123", "type": "function",
           "function": {"name": "get_current_weather", "arguments": "{\"location\": \"Paris, France\"}"}},
          {"id": "call_def456", "type": "function",
           "function": {"name": "get_current_weather", "arguments": "{\"location\": \"Boston, MA\"}"}}
        ]},
        {"role": "tool", "tool_call_id": "call_abc123", "content": "{\"temperature\": 22, \"unit\": \"celsius\"}"},
        {"role": "tool", "tool_call_id": "call_def456",
         "content": [{"type": "text", "text": "{\"temperature\": 72, \"unit\": \"fahrenheit\"}"}]},
        {"role": "assistant", "content": "It is 22°C in Paris and 72°F in Boston."},
        {"role": "user", "content": "Thanks! Now as JSON, please."}
      ],
      "tools": [
        {"type": "function", "function": {
          "name": "get_current_weather",
          "description": "Get the current weather in a given location",
          "parameters": {"type": "object",
                         "properties": {"location": {"type": "string", "description": "The city and state, e.g. San Francisco, CA"},
                                        "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]}},
                         "required": ["location"]},
          "strict": false}}
      ],
      "tool_choice": {"type": "function", "function": {"name": "get_current_weather"}},
      "response_format": {"type": "json_schema", "json_schema": {
        "name": "weather_report", "description": "A short report",
        "schema": {"type": "object", "properties": {"summary": {"type": "string"}}, "required": ["summary"],
                   "additionalProperties": false},
        "strict": true}},
      "max_completion_tokens": 1024,
      "stop": ["\n\nHuman:", "END"],
      "temperature": 0.2,
      "top_p": 0.9,
      "n": 1,
      "user": "user-1234",
      "stream": true,
      "stream_options": {"include_usage": true},
      "reasoning_effort": "medium",
      "parallel_tool_calls": true,
      "presence_penalty": 0,
      "store": false,
      "metadata": {"team": "search"},
      "seed": 7
    }
    """#

    static let weatherSchema = #"{"type":"object","properties":{"location":{"type":"string","description":"The city and state, e.g. San Francisco, CA"},"unit":{"type":"string","enum":["celsius","fahrenheit"]}},"required":["location"]}"#

    /// The canonical form of `fullRequest`.
    static let fullCanonical = ChatRequest(
        model: "gpt-4o",
        system: ["You are a helpful assistant.", "Answer in English."],
        messages: [
            ChatMessage(role: .user, parts: [
                .text("What's in this image, and what's the weather in Paris and Boston?"),
                .image(.url("https://example.com/boardwalk.jpg")),
                .image(.base64(mediaType: "image/png", data: "iVBORw0KGgo=")),
            ]),
            ChatMessage(role: .assistant, parts: [
                .toolCall(id: "call_abc123", name: "get_current_weather", arguments: #"{"location": "Paris, France"}"#),
                .toolCall(id: "call_def456", name: "get_current_weather", arguments: #"{"location": "Boston, MA"}"#),
            ]),
            ChatMessage(role: .user, parts: [
                .toolResult(id: "call_abc123", name: "get_current_weather",
                            content: #"{"temperature": 22, "unit": "celsius"}"#, isError: false),
                .toolResult(id: "call_def456", name: "get_current_weather",
                            content: #"{"temperature": 72, "unit": "fahrenheit"}"#, isError: false),
            ]),
            ChatMessage(role: .assistant, parts: [.text("It is 22°C in Paris and 72°F in Boston.")]),
            ChatMessage(role: .user, parts: [.text("Thanks! Now as JSON, please.")]),
        ],
        tools: [ToolDefinition(name: "get_current_weather", description: "Get the current weather in a given location",
                               parameters: weatherSchema)],
        toolChoice: .tool("get_current_weather"),
        responseFormat: .jsonSchema(
            name: "weather_report",
            schema: #"{"type":"object","properties":{"summary":{"type":"string"}},"required":["summary"],"additionalProperties":false}"#,
            strict: true),
        maxTokens: 1024,
        stop: ["\n\nHuman:", "END"],
        temperature: 0.2,
        topP: 0.9,
        stream: true,
        includeUsage: true,
        user: "user-1234",
        thinkingBudget: 4096
    )

    /// A non-streaming completion with text, as in OpenAI's reference (usage details included).
    static let textCompletion = #"""
    {
      "id": "chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT",
      "object": "chat.completion",
      "created": 1741569952,
      "model": "gpt-4.1-2025-04-14",
      "choices": [
        {
          "index": 0,
          "message": {
            "role": "assistant",
            "content": "Hello! How can I assist you today?",
            "refusal": null,
            "annotations": []
          },
          "logprobs": null,
          "finish_reason": "stop"
        }
      ],
      "usage": {
        "prompt_tokens": 19,
        "completion_tokens": 10,
        "total_tokens": 29,
        "prompt_tokens_details": {"cached_tokens": 0, "audio_tokens": 0},
        "completion_tokens_details": {"reasoning_tokens": 0, "audio_tokens": 0,
                                      "accepted_prediction_tokens": 0, "rejected_prediction_tokens": 0}
      },
      "service_tier": "default"
    }
    """#

    /// A completion that is only tool calls, with cached and reasoning tokens.
    static let toolCompletion = #"""
    {
      "id": "chatcmpl-abc123",
      "object": "chat.completion",
      "created": 1699896916,
      "model": "o4-mini-2025-04-16",
      "choices": [
        {
          "index": 0,
          "message": {
            "role": "assistant",
            "content": null,
            "tool_calls": [
              {"id": "call_abc123", "type": "function",
               "function": {"name": "get_current_weather", "arguments": "{\n\"location\": \"Boston, MA\"\n}"}},
              {"id": "call_def456", "type": "function",
               "function": {"name": "get_current_weather", "arguments": "{\"location\": \"Paris\"}"}}
            ],
            "refusal": null,
            "annotations": []
          },
          "logprobs": null,
          "finish_reason": "tool_calls"
        }
      ],
      "usage": {
        "prompt_tokens": 2082,
        "completion_tokens": 517,
        "total_tokens": 2599,
        "prompt_tokens_details": {"cached_tokens": 1920, "audio_tokens": 0},
        "completion_tokens_details": {"reasoning_tokens": 448, "audio_tokens": 0,
                                      "accepted_prediction_tokens": 0, "rejected_prediction_tokens": 0}
      }
    }
    """#

    /// The members every chunk of the sample streams repeats, up to `choices`.
    static func chunk(_ choices: String, usage: String? = nil) -> String {
        let tail = usage.map { #","usage":\#($0)"# } ?? ""
        return #"data: {"id":"chatcmpl-123","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o-mini-2024-07-18","system_fingerprint":"fp_44709d6fcb","choices":\#(choices)\#(tail)}"#
            + "\n\n"
    }

    static func delta(_ delta: String, finish: String = "null") -> String {
        chunk(#"[{"index":0,"delta":\#(delta),"logprobs":null,"finish_reason":\#(finish)}]"#)
    }

    static let usageJSON = #"{"prompt_tokens":2082,"completion_tokens":517,"total_tokens":2599,"prompt_tokens_details":{"cached_tokens":1920,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":448,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}}"#

    static let sampleUsage = Usage(promptTokens: 2082, completionTokens: 517, totalTokens: 2599,
                                   cachedTokens: 1920, reasoningTokens: 448)

    /// A plain text stream as OpenAI's streaming reference shows it.
    static let textStream = delta(#"{"role":"assistant","content":"","refusal":null}"#)
        + delta(#"{"content":"Hello"}"#)
        + delta(#"{"content":"! How can I\n help?"}"#)
        + delta("{}", finish: #""stop""#)
        + "data: [DONE]\n\n"

    /// Two parallel calls whose argument fragments interleave, then the usage-only chunk.
    static let parallelToolStream = delta(#"{"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"call_abc","type":"function","function":{"name":"get_weather","arguments":""}}]}"#)
        + delta(#"{"tool_calls":[{"index":1,"id":"call_def","type":"function","function":{"name":"get_time","arguments":""}}]}"#)
        + delta(#"{"tool_calls":[{"index":0,"function":{"arguments":"{\"loc"}}]}"#)
        + delta(#"{"tool_calls":[{"index":1,"function":{"arguments":"{\"tz\":"}}]}"#)
        + delta(#"{"tool_calls":[{"index":0,"function":{"arguments":"ation\":\"Paris\"}"}}]}"#)
        + delta(#"{"tool_calls":[{"index":1,"function":{"arguments":"\"CET\"}"}}]}"#)
        + delta("{}", finish: #""tool_calls""#)
        + chunk("[]", usage: usageJSON)
        + "data: [DONE]\n\n"

    static let parallelToolEvents: [StreamEvent] = [
        .start(id: "chatcmpl-123", model: "gpt-4o-mini-2024-07-18"),
        .toolCallStart(index: 0, id: "call_abc", name: "get_weather"),
        .toolCallStart(index: 1, id: "call_def", name: "get_time"),
        .toolCallArguments(index: 0, #"{"loc"#),
        .toolCallArguments(index: 1, #"{"tz":"#),
        .toolCallArguments(index: 0, #"ation":"Paris"}"#),
        .toolCallArguments(index: 1, #""CET"}"#),
        .blockStop(index: 0),
        .blockStop(index: 1),
        .finish(.toolUse),
        .usage(sampleUsage),
    ]

    /// Decodes a whole stream fed in one piece, then ends it.
    static func decodeStream(_ text: String) -> [StreamEvent] {
        var decoder = OpenAIStreamDecoder()
        return decoder.feed(Array(text.utf8)) + decoder.finish()
    }

    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }
}
