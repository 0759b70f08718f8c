extension CatalogData {
    /// Models the routing datasets in `shared/datasets` were scored on, so evaluation can price them.
    static let legacy = #"""
{
"_about": {
  "what": "Models of RouterBench, RouteLLM and AlpacaEval (aliases are the datasets' column names). All legacy: kept for offline evaluation, never a preset candidate unless the gateway deploys them.",
  "prices": "2024 list prices as RouterBench (Hu et al. 2024, arXiv 2403.12031) used them: OpenAI and Anthropic list prices, open models at Together AI's 2024 serverless prices. Evaluation on RouterBench should prefer the per-call costs stored in the dataset.",
  "quality": "Same method as the frontier document. Inputs: MMLU-Pro from the TIGER-Lab leaderboard where listed, HumanEval and MATH from the model reports, Arena Elo from LMArena's historical board; GPQA Diamond and missing MMLU-Pro values estimated (near the 25% chance level for GPQA), hence basis mixed.",
  "read_by": "Switchyard routing, 2026-11-29"
},
"price_sources": {
  "routerbench": {"read": "2024-03-18", "source": "RouterBench paper, model cost table (arXiv 2403.12031)"}
},
"models": [
{"id": "gpt-4-1106-preview", "family": "openai", "host": "routerbench", "aliases": ["gpt4_1106_preview"], "price": {"in": 10.00, "out": 30.00}, "context": 128000, "max_output": 4096, "caps": ["tools"],
 "bench": {"mmlu_pro": 63.7, "gpqa": 36, "humaneval": 85.4, "math": 64.5, "arena": 1251}, "basis": "mixed", "ttft_ms": 700, "tps": 30, "active_b": 220, "legacy": true},
{"id": "gpt-3.5-turbo-1106", "family": "openai", "host": "routerbench", "price": {"in": 1.00, "out": 2.00}, "context": 16385, "max_output": 4096, "caps": ["tools"],
 "bench": {"mmlu_pro": 38, "gpqa": 28, "humaneval": 68, "math": 34.1, "arena": 1068}, "basis": "mixed", "ttft_ms": 400, "tps": 70, "active_b": 20, "legacy": true},
{"id": "claude-2.1", "family": "anthropic", "host": "routerbench", "price": {"in": 8.00, "out": 24.00}, "context": 200000, "max_output": 4096, "caps": [],
 "bench": {"mmlu_pro": 45, "gpqa": 30, "humaneval": 71.2, "math": 32, "arena": 1118}, "basis": "mixed", "ttft_ms": 900, "tps": 30, "active_b": 130, "legacy": true},
{"id": "claude-v2", "family": "anthropic", "host": "routerbench", "aliases": ["claude-2"], "price": {"in": 8.00, "out": 24.00}, "context": 100000, "max_output": 4096, "caps": [],
 "bench": {"mmlu_pro": 45, "gpqa": 30, "humaneval": 71.2, "math": 32, "arena": 1132}, "basis": "mixed", "ttft_ms": 900, "tps": 30, "active_b": 130, "legacy": true},
{"id": "claude-v1", "family": "anthropic", "host": "routerbench", "aliases": ["claude"], "price": {"in": 8.00, "out": 24.00}, "context": 100000, "max_output": 4096, "caps": [],
 "bench": {"mmlu_pro": 42, "gpqa": 28, "humaneval": 56, "math": 25, "arena": 1149}, "basis": "mixed", "ttft_ms": 900, "tps": 30, "active_b": 100, "legacy": true},
{"id": "claude-instant-v1", "family": "anthropic", "host": "routerbench", "aliases": ["claude-instant-1.2"], "price": {"in": 0.80, "out": 2.40}, "context": 100000, "max_output": 4096, "caps": [],
 "bench": {"mmlu_pro": 35, "gpqa": 27, "humaneval": 52.8, "math": 20, "arena": 1109}, "basis": "mixed", "ttft_ms": 500, "tps": 60, "active_b": 20, "legacy": true},
{"id": "llama-2-70b-chat", "family": "meta", "host": "routerbench", "aliases": ["meta/llama-2-70b-chat", "Llama-2-70b-chat-hf"], "price": {"in": 0.90, "out": 0.90}, "context": 4096, "max_output": 4096, "caps": [],
 "bench": {"mmlu_pro": 30, "gpqa": 27, "humaneval": 29.9, "math": 13.5, "arena": 1093}, "basis": "mixed", "ttft_ms": 500, "tps": 40, "active_b": 70, "legacy": true},
{"id": "mixtral-8x7b-instruct", "family": "mistral", "host": "routerbench", "aliases": ["mistralai/mixtral-8x7b-chat", "mistralai/Mixtral-8x7B-Instruct-v0.1", "Mixtral-8x7B-Instruct-v0.1"], "price": {"in": 0.60, "out": 0.60}, "context": 32768, "max_output": 4096, "caps": [],
 "bench": {"mmlu_pro": 43.3, "gpqa": 30, "humaneval": 40.2, "math": 28.4, "arena": 1114}, "basis": "mixed", "ttft_ms": 400, "tps": 80, "active_b": 13, "legacy": true},
{"id": "mistral-7b-instruct", "family": "mistral", "host": "routerbench", "aliases": ["mistralai/mistral-7b-chat", "mistralai/Mistral-7B-Instruct-v0.2"], "price": {"in": 0.20, "out": 0.20}, "context": 32768, "max_output": 4096, "caps": [],
 "bench": {"mmlu_pro": 30.9, "gpqa": 27, "humaneval": 30.5, "math": 13.1, "arena": 1008}, "basis": "mixed", "ttft_ms": 300, "tps": 120, "active_b": 7, "legacy": true},
{"id": "yi-34b-chat", "family": "01-ai", "host": "routerbench", "aliases": ["zero-one-ai/Yi-34B-Chat", "01-ai/Yi-34B-Chat"], "price": {"in": 0.80, "out": 0.80}, "context": 4096, "max_output": 4096, "caps": [],
 "bench": {"mmlu_pro": 52.3, "gpqa": 29, "humaneval": 38, "math": 30, "arena": 1111}, "basis": "mixed", "ttft_ms": 400, "tps": 50, "active_b": 34, "legacy": true},
{"id": "wizardlm-13b", "family": "wizardlm", "host": "routerbench", "aliases": ["WizardLM/WizardLM-13B-V1.2"], "price": {"in": 0.30, "out": 0.30}, "context": 4096, "max_output": 4096, "caps": [],
 "bench": {"mmlu_pro": 25, "gpqa": 26, "humaneval": 24, "math": 8, "arena": 1058}, "basis": "mixed", "ttft_ms": 300, "tps": 80, "active_b": 13, "legacy": true},
{"id": "codellama-34b-instruct", "family": "meta", "host": "routerbench", "aliases": ["meta/code-llama-instruct-34b-chat", "codellama/CodeLlama-34b-Instruct-hf"], "price": {"in": 0.776, "out": 0.776}, "context": 16384, "max_output": 4096, "caps": [],
 "bench": {"mmlu_pro": 25, "gpqa": 26, "humaneval": 51.8, "math": 10, "arena": 1043}, "basis": "mixed", "ttft_ms": 400, "tps": 50, "active_b": 34, "legacy": true}
]
}
"""#
}
