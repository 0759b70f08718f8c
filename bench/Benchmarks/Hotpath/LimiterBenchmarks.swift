// Limiter micro-benchmarks: admission (and settlement) against 10,000 keys, as the gateway
// checks every request. Registered from `benchmarks` in Hotpath.swift.
import Benchmark
import Limits
import Reliability

enum LimiterFixtures {
    static let keyCount = 10_000
    static let epoch: Int64 = 1_767_225_600_000  // 2026-01-01T00:00Z

    /// Key RPM + TPM only.
    static let oneScope: [Admission] = (0 ..< keyCount).map { i in
        Admission(limits: [ScopeLimits(.key("key-\(i)"), rpm: 1_000_000, tpm: 100_000_000)], tokens: 1_200)
    }

    /// Key, team (50) and deployment (8) scopes, plus key and team monthly budgets.
    static let threeScopesTwoBudgets: [Admission] = (0 ..< keyCount).map { i in
        let monthly = Budget(limit: MicroDollars(dollars: 1_000_000_000), period: .month)
        return Admission(
            limits: [ScopeLimits(.key("key-\(i)"), rpm: 1_000_000, tpm: 100_000_000),
                     ScopeLimits(.team("team-\(i % 50)"), rpm: 10_000_000, tpm: 1_000_000_000),
                     ScopeLimits(.deployment("provider/model-\(i % 8)"), rpm: nil, tpm: 1_000_000_000)],
            budgets: [ScopeBudget(.key("key-\(i)"), monthly), ScopeBudget(.team("team-\(i % 50)"), monthly)],
            tokens: 1_200, cost: MicroDollars(micros: 3_000))
    }

    /// A fixed pseudo-random visiting order over the keys, so every sample touches keys all
    /// over the table rather than one hot key.
    static let order: [Int] = {
        var random = SplitMix64(seed: 42)
        return (0 ..< 65_536).map { _ in Int(random.next() % UInt64(keyCount)) }
    }()
}

func limiterBenchmarks() {
    Benchmark("Limiter admit + settle, 10,000 keys (key RPM + TPM)") { benchmark in
        var limiter = KeyedLimiter(expectedScopes: LimiterFixtures.keyCount + 64)
        let admissions = LimiterFixtures.oneScope, order = LimiterFixtures.order
        for (i, a) in admissions.enumerated() { _ = limiter.admit(a, now: LimiterFixtures.epoch + Int64(i / 1_000)) }
        var now = LimiterFixtures.epoch + 1_000
        var cursor = 0
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            now += 1
            if let ticket = limiter.admit(admissions[order[cursor & 65_535]], now: now).ticket {
                limiter.settle(ticket, actualTokens: 900, now: now)
            }
            cursor &+= 1
        }
        benchmark.stopMeasurement()
    }

    Benchmark("Counter store admit + settle, 10,000 keys (3 scopes, 2 budgets)") { benchmark in
        let store = InMemoryCounterStore(limiter: KeyedLimiter(expectedScopes: LimiterFixtures.keyCount + 64),
                                         budgets: BudgetLedger(expectedScopes: LimiterFixtures.keyCount + 64))
        let admissions = LimiterFixtures.threeScopesTwoBudgets, order = LimiterFixtures.order
        for (i, a) in admissions.enumerated() { _ = store.admitNow(a, now: LimiterFixtures.epoch + Int64(i / 1_000)) }
        let usage = Settlement(tokens: 900, cost: MicroDollars(micros: 2_500))
        var now = LimiterFixtures.epoch + 1_000
        var cursor = 0
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            now += 1
            if let ticket = store.admitNow(admissions[order[cursor & 65_535]], now: now).ticket {
                store.settle(ticket, usage, now: now)
            }
            cursor &+= 1
        }
        benchmark.stopMeasurement()
    }
}
