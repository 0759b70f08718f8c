// Limiter micro-benchmark: admit (+ settle) with 10,000 keys, ns per operation over batches.
// Build and run: swift run -c release LimiterBench [scenario 1-4] [batches]
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Limits

/// Monotonic nanoseconds.
func nanos() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

/// Deterministic request order (SplitMix64).
struct Mix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Sorted nanoseconds per operation of each batch.
struct Timings {
    var perOp: [Double] = []

    func at(_ q: Double) -> Double { perOp[min(perOp.count - 1, Int(q * Double(perOp.count)))] }

    func line(_ name: String) -> String {
        func fmt(_ x: Double) -> String {
            let tenths = Int((x * 10).rounded())
            return "\(tenths / 10).\(tenths % 10)"
        }
        return "\(name): p50 \(fmt(at(0.5))) ns, p99 \(fmt(at(0.99))) ns, min \(fmt(perOp[0])) ns (\(perOp.count) batches)"
    }
}

/// One scenario: a set of prepared admissions (what key records cache), replayed in random order.
struct Scenario {
    static let keyCount = 10_000
    static let batchSize = 100
    static let epoch: Int64 = 1_767_225_600_000  // 2026-01-01T00:00Z

    let admissions: [Admission]
    let order: [Int]
    let batches: Int

    init(_ admissions: [Admission], batches: Int) {
        var rng = Mix(state: 42)
        self.admissions = admissions
        self.batches = batches
        self.order = (0 ..< Self.batchSize * batches).map { _ in Int.random(in: 0 ..< Self.keyCount, using: &rng) }
    }

    /// Admits every key once (so all scopes exist), then times batches of admissions, each
    /// settled at once when `settle` is set. Simulated time advances 1 ms per batch (100 requests).
    func runLimiter(settle: Bool) -> (Timings, Int) {
        var limiter = KeyedLimiter(expectedScopes: Self.keyCount + 64)
        for (i, a) in admissions.enumerated() { _ = limiter.admit(a, now: Self.epoch + Int64(i / 1_000)) }
        var timings = Timings()
        var admitted = 0
        var now = Self.epoch + 1_000
        for batch in 0 ..< batches {
            now += 1
            let base = batch * Self.batchSize
            let start = nanos()
            for j in 0 ..< Self.batchSize {
                if let ticket = limiter.admit(admissions[order[base + j]], now: now).ticket {
                    if settle { limiter.settle(ticket, actualTokens: 900, now: now) }
                    admitted &+= 1
                }
            }
            timings.perOp.append(Double(nanos() - start) / Double(Self.batchSize))
        }
        timings.perOp.sort()
        return (timings, admitted)
    }

    /// The same through `InMemoryCounterStore`, with budgets.
    func runStore() -> (Timings, Int) {
        let store = InMemoryCounterStore(
            limiter: KeyedLimiter(expectedScopes: Self.keyCount + 64),
            budgets: BudgetLedger(expectedScopes: Self.keyCount + 64)
        )
        for (i, a) in admissions.enumerated() { _ = store.admitNow(a, now: Self.epoch + Int64(i / 1_000)) }
        let usage = Settlement(tokens: 900, cost: MicroDollars(micros: 2_500))
        var timings = Timings()
        var admitted = 0
        var now = Self.epoch + 1_000
        for batch in 0 ..< batches {
            now += 1
            let base = batch * Self.batchSize
            let start = nanos()
            for j in 0 ..< Self.batchSize {
                if let ticket = store.admitNow(admissions[order[base + j]], now: now).ticket {
                    store.settle(ticket, usage, now: now)
                    admitted &+= 1
                }
            }
            timings.perOp.append(Double(nanos() - start) / Double(Self.batchSize))
        }
        timings.perOp.sort()
        return (timings, admitted)
    }
}

enum LimiterBench {
    static func main() {
        let arguments = CommandLine.arguments
        let only = arguments.count > 1 ? Int(arguments[1]) : nil
        let batches = arguments.count > 2 ? Int(arguments[2])! : 30_000
        let keys = Scenario.keyCount
        let teams = (0 ..< 50).map { ScopeLimits(.team("team-\($0)"), rpm: 10_000_000, tpm: 1_000_000_000) }
        let deployments = (0 ..< 8).map { ScopeLimits(.deployment("provider/model-\($0)"), rpm: nil, tpm: 1_000_000_000) }
        let monthly = Budget(limit: MicroDollars(dollars: 1_000_000_000), period: .month)
        let oneScope = (0 ..< keys).map { i in
            Admission(limits: [ScopeLimits(.key("key-\(i)"), rpm: 1_000_000, tpm: 100_000_000)], tokens: 1_200)
        }
        let threeScopes = (0 ..< keys).map { i in
            Admission(limits: oneScope[i].limits + [teams[i % teams.count], deployments[i % deployments.count]], tokens: 1_200)
        }
        let withBudgets = (0 ..< keys).map { i in
            Admission(
                limits: threeScopes[i].limits,
                budgets: [ScopeBudget(.key("key-\(i)"), monthly), ScopeBudget(.team("team-\(i % teams.count)"), monthly)],
                tokens: 1_200,
                cost: MicroDollars(micros: 3_000)
            )
        }
        let rounds = only == nil ? 2 : 1
        var admitted = 0
        for round in 0 ..< rounds {
            print("round \(round + 1): \(keys) keys, \(batches) batches of \(Scenario.batchSize)")
            if only == nil || only == 1 {
                let (t, n) = Scenario(oneScope, batches: batches).runLimiter(settle: true)
                print(t.line("  1 admit+settle, 1 scope (key RPM+TPM)           "))
                admitted += n
            }
            if only == nil || only == 2 {
                let (t, n) = Scenario(threeScopes, batches: batches).runLimiter(settle: false)
                print(t.line("  2 admit only, 3 scopes (key, team, deployment)  "))
                admitted += n
            }
            if only == nil || only == 3 {
                let (t, n) = Scenario(threeScopes, batches: batches).runLimiter(settle: true)
                print(t.line("  3 admit+settle, 3 scopes                        "))
                admitted += n
            }
            if only == nil || only == 4 {
                let (t, n) = Scenario(withBudgets, batches: batches).runStore()
                print(t.line("  4 store admit+settle, 3 scopes + 2 budgets      "))
                admitted += n
            }
        }
        print("(admitted \(admitted))")
    }
}
LimiterBench.main()
