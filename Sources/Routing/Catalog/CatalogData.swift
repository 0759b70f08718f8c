// The built-in catalog: JSON documents compiled into the binary, so no bundle or file I/O is needed.
// Each document's "_about" says where its numbers come from; this one also states the methods.

/// The catalog's data documents (decoded once by `Catalog.builtIn`).
enum CatalogData {
    static let frontier = #"""
{
"_about": {
  "format": "models[]: id, family, host, aliases, price {in, out, cached_in, cache_write: USD per 1M tokens; read: date read, else price_sources[host].read}, context, max_output (tokens), caps (tools, vision, json_schema, reasoning), bench {mmlu_pro, gpqa, humaneval, math: percent; arena: LMArena text Elo} and/or quality {category: 0..1, overrides bench}, basis, ttft_ms, tps, active_b, think, carbon_g_per_1k (optional), legacy.",
  "prices": "List prices, standard tier, prompts under the long-context threshold, read on the date given per host from the sources in price_sources. Long-prompt tiers (OpenAI > 272k, Gemini Pro > 200k, Claude Haiku 5.5 > 100k) are not modelled: the short-prompt price is used. cached_in = prompt-cache read price; cache_write = Anthropic 5-minute cache write (OpenAI and Google bill no write premium). Claude models from 4.7 on (Haiku 5.5, Sonnet 5/5.5, Opus 4.8, Fable 5) use a tokenizer that yields about 30% more tokens for the same text than Haiku 4.5; the router's token estimate does not model this.",
  "quality": "Per-category quality in 0..1 derived in code (ModelAbilities(benchmarks:)) from bench: knowledge = MMLU-Pro/100; reasoning = mean(GPQA Diamond, MMLU-Pro)/100 (GPQA alone is PhD-level and far harder than everyday reasoning prompts); code = HumanEval/100; math = MATH (MATH-500 where published)/100; chat = creative = expected Arena win rate against an Elo-1100 (GPT-3.5-class) answer, 1/(1+10^((1100-elo)/400)); extraction = mean(chat, code) (no public extraction benchmark covers every entry). A missing input gives that category the mean of the computed ones. Sources: vendor model cards and technical reports, the MMLU-Pro leaderboard (TIGER-Lab), Artificial Analysis, LMArena. basis: reported = every input published; mixed = some published, the rest estimated; estimated = newer models without public numbers for these benchmarks, placed from their vendor's tier, price and the published figures of their predecessors (e.g. GPQA Diamond 93-94 for Opus 4.8, GPT-5.5 and Gemini 3.1 Pro). These are priors: the learned difficulty model and live outcome data refine them.",
  "latency": "ttft_ms (including hidden reasoning at the default effort) and tps (output tokens/s) are seeds from public throughput trackers (Artificial Analysis medians) and vendor speed tiers, rounded; LiveStats replaces them with measurements.",
  "reasoning_tokens": "think = generated tokens per visible output token at the default effort (1 without reasoning); applied to estimated cost and carbon, not to latency (TTFT already includes it).",
  "carbon": "gCO2e per 1,000 generated tokens = (0.0035 J x active_b + 0.05 J) x PUE 1.15 x 1000 / 3600 Wh x 0.40 gCO2e/Wh (Catalog+Estimates.swift). Assumptions: batched inference on H100-class accelerators, energy roughly linear in active parameters per token; grid 0.40 kg/kWh (world average, location based); a prompt token costs 0.1 of a generated token. active_b is published for open models and an estimate by tier for closed ones (nano ~10B, mini ~30-40B, mid ~120-180B, frontier ~250B+ active). Order-of-magnitude figures for ranking, not for reporting.",
  "read_by": "Switchyard routing, 2026-11-29"
},
"price_sources": {
  "openai": {"read": "2026-11-29", "source": "developers.openai.com/api/docs/pricing as transcribed by models.dev (anomalyco/models.dev f3fc692, 2026-07) and GitHub Copilot's models-and-pricing table (github/docs data/tables/copilot/models-and-pricing.yml); the two agree"},
  "anthropic": {"read": "2026-11-29", "source": "platform.claude.com/docs/en/about-claude/pricing and the model overview pages (Sonnet 5.5, Haiku 5.5); cross-checked with models.dev and the GitHub Copilot table; Sonnet 5.5 cache read 0.10 since 2026-10-07"},
  "google": {"read": "2026-11-29", "source": "ai.google.dev/gemini-api/docs/pricing (transcript of 2026-09-20, api-evangelist/gemini) and models.dev; cross-checked with the GitHub Copilot table"}
},
"models": [
{"id": "gpt-5.5", "family": "openai", "price": {"in": 5.00, "out": 30.00, "cached_in": 0.50}, "context": 1050000, "max_output": 128000, "caps": ["tools", "vision", "json_schema", "reasoning"],
 "bench": {"mmlu_pro": 89, "gpqa": 93.6, "humaneval": 97, "math": 99, "arena": 1500}, "basis": "mixed", "ttft_ms": 3000, "tps": 75, "active_b": 250, "think": 2.5},
{"id": "gpt-5.4", "family": "openai", "price": {"in": 2.50, "out": 15.00, "cached_in": 0.25}, "context": 1050000, "max_output": 128000, "caps": ["tools", "vision", "json_schema", "reasoning"],
 "bench": {"mmlu_pro": 88, "gpqa": 92, "humaneval": 96, "math": 99, "arena": 1480}, "basis": "estimated", "ttft_ms": 2500, "tps": 80, "active_b": 180, "think": 2.5},
{"id": "gpt-5.4-mini", "family": "openai", "price": {"in": 0.75, "out": 4.50, "cached_in": 0.075}, "context": 400000, "max_output": 128000, "caps": ["tools", "vision", "json_schema", "reasoning"],
 "bench": {"mmlu_pro": 82, "gpqa": 82, "humaneval": 94, "math": 97, "arena": 1420}, "basis": "estimated", "ttft_ms": 1500, "tps": 140, "active_b": 40, "think": 2},
{"id": "gpt-5.4-nano", "family": "openai", "price": {"in": 0.20, "out": 1.25, "cached_in": 0.02}, "context": 400000, "max_output": 128000, "caps": ["tools", "vision", "json_schema", "reasoning"],
 "bench": {"mmlu_pro": 74, "gpqa": 70, "humaneval": 90, "math": 94, "arena": 1360}, "basis": "estimated", "ttft_ms": 1000, "tps": 180, "active_b": 12, "think": 2},
{"id": "gpt-5", "family": "openai", "price": {"in": 1.25, "out": 10.00, "cached_in": 0.125}, "context": 400000, "max_output": 128000, "caps": ["tools", "vision", "json_schema", "reasoning"],
 "bench": {"mmlu_pro": 87, "gpqa": 85.7, "humaneval": 96, "math": 99, "arena": 1440}, "basis": "mixed", "ttft_ms": 4000, "tps": 90, "active_b": 150, "think": 3},
{"id": "gpt-5-mini", "family": "openai", "price": {"in": 0.25, "out": 2.00, "cached_in": 0.025}, "context": 400000, "max_output": 128000, "caps": ["tools", "vision", "json_schema", "reasoning"],
 "bench": {"mmlu_pro": 83, "gpqa": 82.3, "humaneval": 93, "math": 98, "arena": 1395}, "basis": "mixed", "ttft_ms": 2500, "tps": 120, "active_b": 40, "think": 3},
{"id": "gpt-5-nano", "family": "openai", "price": {"in": 0.05, "out": 0.40, "cached_in": 0.005}, "context": 400000, "max_output": 128000, "caps": ["tools", "vision", "json_schema", "reasoning"],
 "bench": {"mmlu_pro": 77, "gpqa": 71.2, "humaneval": 88, "math": 95, "arena": 1340}, "basis": "mixed", "ttft_ms": 2000, "tps": 150, "active_b": 10, "think": 3},
{"id": "gpt-4.1", "family": "openai", "price": {"in": 2.00, "out": 8.00, "cached_in": 0.50}, "context": 1047576, "max_output": 32768, "caps": ["tools", "vision", "json_schema"],
 "bench": {"mmlu_pro": 80.6, "gpqa": 66.6, "humaneval": 94, "math": 91, "arena": 1370}, "basis": "mixed", "ttft_ms": 500, "tps": 90, "active_b": 150},
{"id": "gpt-4.1-mini", "family": "openai", "price": {"in": 0.40, "out": 1.60, "cached_in": 0.10}, "context": 1047576, "max_output": 32768, "caps": ["tools", "vision", "json_schema"],
 "bench": {"mmlu_pro": 78, "gpqa": 65, "humaneval": 92, "math": 90, "arena": 1320}, "basis": "mixed", "ttft_ms": 450, "tps": 100, "active_b": 30},
{"id": "gpt-4o", "family": "openai", "aliases": ["gpt-4o-2024-08-06"], "price": {"in": 2.50, "out": 10.00, "cached_in": 1.25}, "context": 128000, "max_output": 16384, "caps": ["tools", "vision", "json_schema"],
 "bench": {"mmlu_pro": 74.8, "gpqa": 53.6, "humaneval": 90.2, "math": 76.6, "arena": 1335}, "basis": "reported", "ttft_ms": 450, "tps": 90, "active_b": 150},
{"id": "gpt-4o-mini", "family": "openai", "aliases": ["gpt-4o-mini-2024-07-18"], "price": {"in": 0.15, "out": 0.60, "cached_in": 0.075}, "context": 128000, "max_output": 16384, "caps": ["tools", "vision", "json_schema"],
 "bench": {"mmlu_pro": 63, "gpqa": 40.2, "humaneval": 87.2, "math": 70.2, "arena": 1270}, "basis": "reported", "ttft_ms": 400, "tps": 80, "active_b": 12},
{"id": "o4-mini", "family": "openai", "price": {"in": 1.10, "out": 4.40, "cached_in": 0.275}, "context": 200000, "max_output": 100000, "caps": ["tools", "vision", "json_schema", "reasoning"],
 "bench": {"mmlu_pro": 83, "gpqa": 81.4, "humaneval": 97, "math": 99, "arena": 1390}, "basis": "mixed", "ttft_ms": 5000, "tps": 120, "active_b": 40, "think": 4},

{"id": "claude-fable-5", "family": "anthropic", "price": {"in": 10.00, "out": 50.00, "cached_in": 1.00, "cache_write": 12.50}, "context": 1000000, "max_output": 128000, "caps": ["tools", "vision", "json_schema", "reasoning"],
 "bench": {"mmlu_pro": 91, "gpqa": 95, "humaneval": 98, "math": 99, "arena": 1520}, "basis": "estimated", "ttft_ms": 4000, "tps": 50, "active_b": 400, "think": 3},
{"id": "claude-opus-4-8", "family": "anthropic", "price": {"in": 5.00, "out": 25.00, "cached_in": 0.50, "cache_write": 6.25}, "context": 1000000, "max_output": 128000, "caps": ["tools", "vision", "json_schema", "reasoning"],
 "bench": {"mmlu_pro": 90, "gpqa": 93.5, "humaneval": 97, "math": 99, "arena": 1505}, "basis": "mixed", "ttft_ms": 2500, "tps": 55, "active_b": 250, "think": 2},
{"id": "claude-sonnet-5-5", "family": "anthropic", "price": {"in": 2.00, "out": 10.00, "cached_in": 0.10, "cache_write": 2.50}, "context": 1000000, "max_output": 128000, "caps": ["tools", "vision", "json_schema", "reasoning"],
 "bench": {"mmlu_pro": 89, "gpqa": 91.5, "humaneval": 97, "math": 99, "arena": 1490}, "basis": "estimated", "ttft_ms": 1500, "tps": 80, "active_b": 120, "think": 2},
{"id": "claude-sonnet-5", "family": "anthropic", "price": {"in": 2.00, "out": 10.00, "cached_in": 0.20, "cache_write": 2.50}, "context": 1000000, "max_output": 128000, "caps": ["tools", "vision", "json_schema", "reasoning"],
 "bench": {"mmlu_pro": 88, "gpqa": 90, "humaneval": 97, "math": 98, "arena": 1475}, "basis": "estimated", "ttft_ms": 1500, "tps": 75, "active_b": 120, "think": 2},
{"id": "claude-haiku-5-5", "family": "anthropic", "price": {"in": 0.10, "out": 0.50, "cached_in": 0.01, "cache_write": 0.125}, "context": 1000000, "max_output": 128000, "caps": ["tools", "vision", "json_schema", "reasoning"],
 "bench": {"mmlu_pro": 80, "gpqa": 78, "humaneval": 93, "math": 95, "arena": 1410}, "basis": "estimated", "ttft_ms": 600, "tps": 150, "active_b": 25, "think": 1.5},
{"id": "claude-opus-4-5", "family": "anthropic", "aliases": ["claude-opus-4-5-20251101"], "price": {"in": 5.00, "out": 25.00, "cached_in": 0.50, "cache_write": 6.25}, "context": 200000, "max_output": 64000, "caps": ["tools", "vision", "json_schema", "reasoning"],
 "bench": {"mmlu_pro": 89.5, "gpqa": 87, "humaneval": 97, "math": 98, "arena": 1465}, "basis": "mixed", "ttft_ms": 2000, "tps": 55, "active_b": 250, "think": 1.5},
{"id": "claude-sonnet-4-5", "family": "anthropic", "aliases": ["claude-sonnet-4-5-20250929"], "price": {"in": 3.00, "out": 15.00, "cached_in": 0.30, "cache_write": 3.75}, "context": 200000, "max_output": 64000, "caps": ["tools", "vision", "json_schema", "reasoning"],
 "bench": {"mmlu_pro": 87.5, "gpqa": 83.4, "humaneval": 96, "math": 96, "arena": 1450}, "basis": "mixed", "ttft_ms": 1500, "tps": 70, "active_b": 120, "think": 1.3},
{"id": "claude-haiku-4-5", "family": "anthropic", "aliases": ["claude-haiku-4-5-20251001"], "price": {"in": 1.00, "out": 5.00, "cached_in": 0.10, "cache_write": 1.25}, "context": 200000, "max_output": 64000, "caps": ["tools", "vision", "json_schema", "reasoning"],
 "bench": {"mmlu_pro": 80, "gpqa": 73, "humaneval": 92, "math": 92, "arena": 1400}, "basis": "mixed", "ttft_ms": 600, "tps": 120, "active_b": 25, "think": 1.2},

{"id": "gemini-3.1-pro", "family": "google", "aliases": ["gemini-3.1-pro-preview"], "price": {"in": 2.00, "out": 12.00, "cached_in": 0.20}, "context": 1048576, "max_output": 65536, "caps": ["tools", "vision", "json_schema", "reasoning"],
 "bench": {"mmlu_pro": 90.5, "gpqa": 94.3, "humaneval": 96, "math": 99, "arena": 1500}, "basis": "mixed", "ttft_ms": 3000, "tps": 100, "active_b": 200, "think": 2.5},
{"id": "gemini-3.5-flash", "family": "google", "price": {"in": 1.50, "out": 9.00, "cached_in": 0.15}, "context": 1048576, "max_output": 65536, "caps": ["tools", "vision", "json_schema", "reasoning"],
 "bench": {"mmlu_pro": 87, "gpqa": 88, "humaneval": 95, "math": 98, "arena": 1470}, "basis": "estimated", "ttft_ms": 1500, "tps": 180, "active_b": 60, "think": 2},
{"id": "gemini-3.1-flash-lite", "family": "google", "price": {"in": 0.25, "out": 1.50, "cached_in": 0.025}, "context": 1048576, "max_output": 65536, "caps": ["tools", "vision", "json_schema", "reasoning"],
 "bench": {"mmlu_pro": 81, "gpqa": 78, "humaneval": 90, "math": 95, "arena": 1410}, "basis": "estimated", "ttft_ms": 800, "tps": 250, "active_b": 15, "think": 1.5},
{"id": "gemini-2.5-pro", "family": "google", "price": {"in": 1.25, "out": 10.00, "cached_in": 0.125}, "context": 1048576, "max_output": 65536, "caps": ["tools", "vision", "json_schema", "reasoning"],
 "bench": {"mmlu_pro": 86.2, "gpqa": 86.4, "humaneval": 95, "math": 96, "arena": 1460}, "basis": "mixed", "ttft_ms": 3000, "tps": 100, "active_b": 200, "think": 3},
{"id": "gemini-2.5-flash", "family": "google", "price": {"in": 0.30, "out": 2.50, "cached_in": 0.03}, "context": 1048576, "max_output": 65536, "caps": ["tools", "vision", "json_schema", "reasoning"],
 "bench": {"mmlu_pro": 80.9, "gpqa": 82.8, "humaneval": 90, "math": 95, "arena": 1410}, "basis": "mixed", "ttft_ms": 1000, "tps": 200, "active_b": 40, "think": 2},
{"id": "gemini-2.5-flash-lite", "family": "google", "price": {"in": 0.10, "out": 0.40, "cached_in": 0.01}, "context": 1048576, "max_output": 65536, "caps": ["tools", "vision", "json_schema", "reasoning"],
 "bench": {"mmlu_pro": 72, "gpqa": 64.6, "humaneval": 85, "math": 88, "arena": 1370}, "basis": "mixed", "ttft_ms": 500, "tps": 250, "active_b": 10}
]
}
"""#
}
