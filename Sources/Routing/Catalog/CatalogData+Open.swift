extension CatalogData {
    /// Open-weight models as served by OpenAI-compatible hosts (prices are the named host's).
    static let open = #"""
{
"_about": {
  "what": "Popular open-weight models at the list price of one OpenAI-compatible host each; the same weights elsewhere cost differently: override price and host in configuration. Method for quality, latency and carbon: see the frontier document's _about (CatalogData.swift). active_b is the published active parameter count (MoE: active, not total).",
  "read_by": "Switchyard routing, 2026-11-29"
},
"price_sources": {
  "together": {"read": "2026-11-29", "source": "docs.together.ai serverless models / together.ai/pricing as transcribed by models.dev (anomalyco/models.dev f3fc692, 2026-07) and mastra.ai's Together AI table"},
  "groq": {"read": "2026-11-29", "source": "groq.com/pricing as transcribed by models.dev (f3fc692)"},
  "deepseek": {"read": "2026-11-29", "source": "api-docs.deepseek.com pricing as transcribed by models.dev (f3fc692); deepseek-chat now serves V4 Flash"},
  "mistral": {"read": "2026-11-29", "source": "mistral.ai/pricing as transcribed by models.dev (f3fc692)"}
},
"models": [
{"id": "llama-3.3-70b", "family": "meta", "host": "together", "aliases": ["meta-llama/Llama-3.3-70B-Instruct-Turbo", "llama-3.3-70b-instruct"], "price": {"in": 0.88, "out": 0.88}, "context": 131072, "max_output": 131072, "caps": ["tools"],
 "bench": {"mmlu_pro": 68.9, "gpqa": 50.5, "humaneval": 88.4, "math": 77.0, "arena": 1320}, "basis": "reported", "ttft_ms": 400, "tps": 100, "active_b": 70},
{"id": "llama-3.1-8b", "family": "meta", "host": "groq", "aliases": ["llama-3.1-8b-instant", "meta-llama/Llama-3.1-8B-Instruct"], "price": {"in": 0.05, "out": 0.08}, "context": 131072, "max_output": 131072, "caps": ["tools"],
 "bench": {"mmlu_pro": 48.3, "gpqa": 30.4, "humaneval": 72.6, "math": 51.9, "arena": 1212}, "basis": "reported", "ttft_ms": 200, "tps": 700, "active_b": 8},
{"id": "qwen3-235b-a22b", "family": "qwen", "host": "together", "aliases": ["Qwen/Qwen3-235B-A22B-Instruct-2507-tput", "qwen3-235b-a22b-instruct-2507"], "price": {"in": 0.20, "out": 0.60}, "context": 262144, "max_output": 262144, "caps": ["tools"],
 "bench": {"mmlu_pro": 83.0, "gpqa": 77.5, "humaneval": 92, "math": 97, "arena": 1420}, "basis": "mixed", "ttft_ms": 600, "tps": 60, "active_b": 22},
{"id": "qwen3-32b", "family": "qwen", "host": "groq", "aliases": ["qwen/qwen3-32b"], "price": {"in": 0.29, "out": 0.59}, "context": 131072, "max_output": 40960, "caps": ["tools", "reasoning"],
 "bench": {"mmlu_pro": 72, "gpqa": 66, "humaneval": 88, "math": 95, "arena": 1350}, "basis": "mixed", "ttft_ms": 400, "tps": 400, "active_b": 32, "think": 2},
{"id": "deepseek-v3", "family": "deepseek", "host": "together", "aliases": ["deepseek-ai/DeepSeek-V3"], "price": {"in": 1.25, "out": 1.25}, "context": 131072, "max_output": 131072, "caps": ["tools"],
 "bench": {"mmlu_pro": 75.9, "gpqa": 59.1, "humaneval": 82.6, "math": 90.2, "arena": 1318}, "basis": "reported", "ttft_ms": 700, "tps": 40, "active_b": 37},
{"id": "deepseek-r1", "family": "deepseek", "host": "together", "aliases": ["deepseek-ai/DeepSeek-R1"], "price": {"in": 3.00, "out": 7.00}, "context": 163839, "max_output": 163839, "caps": ["reasoning"],
 "bench": {"mmlu_pro": 84.0, "gpqa": 71.5, "humaneval": 92, "math": 97.3, "arena": 1360}, "basis": "mixed", "ttft_ms": 8000, "tps": 50, "active_b": 37, "think": 4},
{"id": "deepseek-v4-pro", "family": "deepseek", "host": "deepseek", "price": {"in": 0.435, "out": 0.87, "cached_in": 0.003625}, "context": 1000000, "max_output": 384000, "caps": ["tools", "json_schema", "reasoning"],
 "bench": {"mmlu_pro": 86, "gpqa": 85, "humaneval": 95, "math": 98, "arena": 1450}, "basis": "estimated", "ttft_ms": 3000, "tps": 40, "active_b": 50, "think": 2.5},
{"id": "deepseek-v4-flash", "family": "deepseek", "host": "deepseek", "aliases": ["deepseek-chat"], "price": {"in": 0.14, "out": 0.28, "cached_in": 0.0028}, "context": 1000000, "max_output": 384000, "caps": ["tools", "json_schema", "reasoning"],
 "bench": {"mmlu_pro": 83, "gpqa": 80, "humaneval": 93, "math": 97, "arena": 1420}, "basis": "estimated", "ttft_ms": 1500, "tps": 60, "active_b": 20, "think": 2},
{"id": "gpt-oss-120b", "family": "openai", "host": "together", "aliases": ["openai/gpt-oss-120b"], "price": {"in": 0.15, "out": 0.60}, "context": 131072, "max_output": 131072, "caps": ["tools", "reasoning"],
 "bench": {"mmlu_pro": 80.8, "gpqa": 80.1, "humaneval": 93, "math": 97, "arena": 1350}, "basis": "mixed", "ttft_ms": 500, "tps": 200, "active_b": 5.1, "think": 2},
{"id": "mistral-large", "family": "mistral", "host": "mistral", "aliases": ["mistral-large-latest", "mistral-large-2512"], "price": {"in": 0.50, "out": 1.50}, "context": 262144, "max_output": 262144, "caps": ["tools", "vision", "json_schema"],
 "bench": {"mmlu_pro": 76, "gpqa": 58, "humaneval": 90, "math": 85, "arena": 1410}, "basis": "estimated", "ttft_ms": 500, "tps": 60, "active_b": 41},
{"id": "mistral-medium", "family": "mistral", "host": "mistral", "aliases": ["mistral-medium-latest", "mistral-medium-2508"], "price": {"in": 0.40, "out": 2.00}, "context": 131072, "max_output": 131072, "caps": ["tools", "vision", "json_schema"],
 "bench": {"mmlu_pro": 74, "gpqa": 57, "humaneval": 90, "math": 88, "arena": 1410}, "basis": "estimated", "ttft_ms": 450, "tps": 80, "active_b": 40},
{"id": "mistral-small", "family": "mistral", "host": "mistral", "aliases": ["mistral-small-latest"], "price": {"in": 0.15, "out": 0.60}, "context": 256000, "max_output": 256000, "caps": ["tools", "vision", "json_schema", "reasoning"],
 "bench": {"mmlu_pro": 70, "gpqa": 55, "humaneval": 88, "math": 85, "arena": 1350}, "basis": "estimated", "ttft_ms": 350, "tps": 120, "active_b": 24}
]
}
"""#
}
