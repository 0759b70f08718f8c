import AllocCounter
import Glibc
import Routing

@inline(__always) func nanos() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

let catalog = Catalog.builtIn
let models = catalog.models.filter { !$0.legacy }.prefix(20)
let deployables = models.enumerated().map { Deployable(name: $1.id, deployment: $0) }
let stats = LiveStats(deployables: deployables, catalog: catalog)
let routers = try RouterSet(configured: [], catalog: catalog, deployables: deployables, predictor: CommandLine.arguments.contains("--learned") ? DifficultyModel.builtIn : CatalogQualityPredictor())
let router = routers.router(named: "auto")!
precondition(router.candidateNames.count == 20)

// A 2 KiB prompt: about 512 tokens, ~350 words -> ~700 unigram+bigram hashes.
var hashes: [UInt32] = []
var h: UInt32 = 2166136261
for _ in 0..<700 { h = (h ^ 0x9e37) &* 16777619; hashes.append(h) }
let features = RequestFeatures(
    promptTokens: 512, maxOutputTokens: 1024, turns: 3, hasSystemPrompt: true, hasCode: true,
    usesTools: true, reasoningCues: 2, ngramHashes: hashes, category: .code
)
let allowed = DeploymentSet(0..<20)
var plan = Plan()
let iterations = 200_000
var samples = [UInt64](repeating: 0, count: iterations)
for _ in 0..<20_000 { router.decide(features, stats: stats, now: 1, allowed: allowed, isHealthy: { $0 != 7 }, into: &plan) }

let allocsBefore = alloc_count()
let start = nanos()
for i in 0..<iterations {
    let t0 = nanos()
    router.decide(features, stats: stats, now: Double(i) * 1e-3, allowed: allowed, isHealthy: { $0 != 7 }, into: &plan)
    samples[i] = nanos() - t0
}
let total = nanos() - start
let allocs = alloc_count() - allocsBefore
samples.sort()
let sorted = samples
func pct(_ p: Double) -> Double { Double(sorted[min(iterations - 1, Int(Double(iterations) * p))]) / 1000 }
print("candidates 20, prompt 512 tokens, \(hashes.count) n-gram hashes, router auto")
print("decision µs: p50 \(pct(0.50))  p90 \(pct(0.90))  p99 \(pct(0.99))  p99.9 \(pct(0.999))  max \(pct(1.0))")
print("mean µs (incl. clock reads): \(Double(total) / Double(iterations) / 1000)")
print("allocations during \(iterations) decisions: \(allocs)")
print(plan.summary())
print(plan.renderTable())
