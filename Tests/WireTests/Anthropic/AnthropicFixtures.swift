import Wire

/// Bodies and streams shaped exactly as Anthropic's Messages API documents them.
enum AnthropicFixtures {
    /// A request using every member the decoder maps.
    static let request = #"""
    {
      "model": "claude-sonnet-4-5",
      "max_tokens": 1024,
      "system": [
        {"type": "text", "text": "You are a weather assistant."},
        {"type": "text", "text": "Be brief.", "cache_control": {"type": "ephemeral"}}
      ],
      "messages": [
        {"role": "user", "content": [
          {"type": "text", "text": "What is the weather in Paris? Here is a map."},
          {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "iVBORw0KGgo="}},
          {"type": "image", "source": {"type": "url", "url": "https://example.com/map.jpg"}}
        ]},
        {"role": "assistant", "content": [
          {"type": "thinking", "thinking": "The user wants the weather.", "signature": "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds"},
          {"type": "redacted_thinking", "data": "EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpP"},
          {"type": "text", "text": "Let me check."},
          {"type": "tool_use", "id": "toolu_01A09q90qw90lq917835lq9", "name": "get_weather", "input": {"location": "Paris, France", "unit": "celsius"}}
        ]},
        {"role": "user", "content": [
          {"type": "tool_result", "tool_use_id": "toolu_01A09q90qw90lq917835lq9", "content": [{"type": "text", "text": "15 degrees"}, {"type": "text", "text": "light rain"}]},
          {"type": "text", "text": "And tomorrow?"}
        ]},
        {"role": "assistant", "content": [
          {"type": "tool_use", "id": "toolu_02B", "name": "get_forecast", "input": {}}
        ]},
        {"role": "user", "content": [
          {"type": "tool_result", "tool_use_id": "toolu_02B", "content": "service unavailable", "is_error": true}
        ]}
      ],
      "tools": [
        {"name": "get_weather", "description": "Get the current weather in a given location",
         "input_schema": {"type": "object", "properties": {"location": {"type": "string"}, "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]}}, "required": ["location"]}},
        {"name": "get_forecast", "input_schema": {"type": "object", "properties": {}}}
      ],
      "tool_choice": {"type": "any"},
      "stop_sequences": ["\n\nHuman:", "END"],
      "temperature": 0.5,
      "top_p": 0.9,
      "stream": true,
      "metadata": {"user_id": "user-1234"},
      "thinking": {"type": "enabled", "budget_tokens": 2048}
    }
    """#

    /// A non-streamed answer with thinking, text and a tool call, and prompt-cache usage.
    static let message = #"""
    {
      "id": "msg_01XFDUDYJgAACzvnptvVoYEL",
      "type": "message",
      "role": "assistant",
      "model": "claude-sonnet-4-5-20250929",
      "content": [
        {"type": "thinking", "thinking": "Paris first.", "signature": "WaUjzkypQ2mUEVM36O2TxuC06KN8xyfbJwyem2dw3URve"},
        {"type": "text", "text": "I'll look that up."},
        {"type": "tool_use", "id": "toolu_01T1x1fJ34qAmk2tNTrN7Up6", "name": "get_weather", "input": {"location": "Paris, France"}}
      ],
      "stop_reason": "tool_use",
      "stop_sequence": null,
      "usage": {"input_tokens": 50, "cache_creation_input_tokens": 200, "cache_read_input_tokens": 1800, "output_tokens": 84}
    }
    """#

    /// A stream with a text block and two parallel tool calls, framed as Anthropic sends it.
    static let toolStream = sse([
        ("message_start", #"{"type":"message_start","message":{"id":"msg_014p7gG3wDgGV9EUtLvnow3U","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":472,"cache_creation_input_tokens":0,"cache_read_input_tokens":1024,"output_tokens":2}}}"#),
        ("content_block_start", #"{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}"#),
        ("ping", #"{"type": "ping"}"#),
        ("content_block_delta", #"{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Checking both cities ☔."}}"#),
        ("content_block_stop", #"{"type":"content_block_stop","index":0}"#),
        ("content_block_start", #"{"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_01T1x1fJ34qAmk2tNTrN7Up6","name":"get_weather","input":{}}}"#),
        ("content_block_delta", #"{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":""}}"#),
        ("content_block_delta", #"{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\"location\": \"San Fra"}}"#),
        ("content_block_delta", #"{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"ncisco, CA\"}"}}"#),
        ("content_block_stop", #"{"type":"content_block_stop","index":1}"#),
        ("content_block_start", #"{"type":"content_block_start","index":2,"content_block":{"type":"tool_use","id":"toolu_02Bq5mDxKrH1fT3Wn8ZpLc4e","name":"get_weather","input":{}}}"#),
        ("content_block_delta", #"{"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"{\"location\":"}}"#),
        ("content_block_delta", #"{"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":" \"Paris, France\"}"}}"#),
        ("content_block_stop", #"{"type":"content_block_stop","index":2}"#),
        ("message_delta", #"{"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":89}}"#),
        ("message_stop", #"{"type":"message_stop"}"#),
    ])

    /// The canonical events of `toolStream`.
    static let toolStreamEvents: [StreamEvent] = [
        .start(id: "msg_014p7gG3wDgGV9EUtLvnow3U", model: "claude-sonnet-4-5"),
        .usage(Usage(promptTokens: 1496, completionTokens: 2, cachedTokens: 1024)),
        .text(index: 0, "Checking both cities ☔."),
        .blockStop(index: 0),
        .toolCallStart(index: 1, id: "toolu_01T1x1fJ34qAmk2tNTrN7Up6", name: "get_weather"),
        .toolCallArguments(index: 1, #"{"location": "San Fra"#),
        .toolCallArguments(index: 1, #"ncisco, CA"}"#),
        .blockStop(index: 1),
        .toolCallStart(index: 2, id: "toolu_02Bq5mDxKrH1fT3Wn8ZpLc4e", name: "get_weather"),
        .toolCallArguments(index: 2, #"{"location":"#),
        .toolCallArguments(index: 2, #" "Paris, France"}"#),
        .blockStop(index: 2),
        .finish(.toolUse),
        .usage(Usage(promptTokens: 1496, completionTokens: 89, cachedTokens: 1024)),
    ]

    /// Extended thinking streamed: thinking deltas, then the signature, then the answer.
    static let thinkingStream = sse([
        ("message_start", #"{"type":"message_start","message":{"id":"msg_01Thk","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":12,"output_tokens":1}}}"#),
        ("content_block_start", #"{"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":"","signature":""}}"#),
        ("content_block_delta", #"{"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"Let me solve this step by step:\n\n1. 27 * 453"}}"#),
        ("content_block_delta", #"{"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":" = 12231"}}"#),
        ("content_block_delta", #"{"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds"}}"#),
        ("content_block_stop", #"{"type":"content_block_stop","index":0}"#),
        ("content_block_start", #"{"type":"content_block_start","index":1,"content_block":{"type":"text","text":""}}"#),
        ("content_block_delta", #"{"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"27 * 453 = 12,231"}}"#),
        ("content_block_stop", #"{"type":"content_block_stop","index":1}"#),
        ("message_delta", #"{"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":30}}"#),
        ("message_stop", #"{"type":"message_stop"}"#),
    ])

    static let thinkingStreamEvents: [StreamEvent] = [
        .start(id: "msg_01Thk", model: "claude-sonnet-4-5"),
        .usage(Usage(promptTokens: 12, completionTokens: 1)),
        .thinking(index: 0, "Let me solve this step by step:\n\n1. 27 * 453"),
        .thinking(index: 0, " = 12231"),
        .thinkingSignature(index: 0, "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds"),
        .blockStop(index: 0),
        .text(index: 1, "27 * 453 = 12,231"),
        .blockStop(index: 1),
        .finish(.endTurn),
        .usage(Usage(promptTokens: 12, completionTokens: 30)),
    ]

    /// Event blocks as `event:` and `data:` lines.
    static func sse(_ events: [(String, String)]) -> [UInt8] {
        Array(events.map { "event: \($0.0)\ndata: \($0.1)\n\n" }.joined().utf8)
    }
}
