import XCTest
@testable import Ledger

final class SpendQueryTests: XCTestCase {
    private func row(
        _ offset: Int64, key: String?, team: String?, tags: [String: String] = [:], requested: String? = nil,
        served: String?, router: String?, provider: String?, tokens: (Int, Int) = (0, 0), cost: Int64 = 0,
        latency: Double, status: Int = 200, error: String? = nil
    ) -> LedgerRow {
        LedgerRow(
            timeMs: fixedNow + offset, requestID: "r\(offset)", keyID: key, team: team, tags: tags,
            dialect: "openai.chat", requestedModel: requested ?? served, router: router, servedModel: served,
            provider: provider, status: status, errorClass: error, inputTokens: tokens.0,
            outputTokens: tokens.1, costMicros: cost, latencyMs: latency)
    }

    private func fixture() throws -> SQLiteLedger {
        let ledger = try SQLiteLedger(path: temporaryDatabase(self))
        try ledger.append([
            row(0, key: "A", team: "red", tags: ["agent": "triage"], served: "m1", router: "auto", provider: "openai", tokens: (10, 5), cost: 100, latency: 100),
            row(1, key: "A", team: "red", tags: ["agent": "triage", "env": "prod"], served: "m2", router: "auto", provider: "anthropic", tokens: (20, 10), cost: 300, latency: 300),
            row(2, key: "B", team: "blue", tags: ["agent": "coder"], served: "m1", router: nil, provider: "openai", tokens: (30, 15), cost: 500, latency: 200),
            row(3, key: "B", team: "blue", requested: "m3", served: nil, router: nil, provider: nil, latency: 1, status: 429, error: "rate_limited"),
            row(4, key: nil, team: nil, requested: "x", served: nil, router: nil, provider: nil, latency: 0.5, status: 401, error: "invalid_key"),
            row(5, key: "A", team: "red", tags: ["agent": "triage"], served: "m1", router: "auto", provider: "openai", tokens: (5, 5), cost: 50, latency: 500, error: "stream_interrupted"),
        ])
        return ledger
    }

    func testByKeyTotalsErrorsAndPercentiles() throws {
        let rows = try fixture().spend(SpendQuery(by: .key))
        XCTAssertEqual(rows, [
            SpendRow(group: "B", requests: 2, inputTokens: 30, outputTokens: 15, costMicros: 500, errors: 1, p50Ms: 200, p95Ms: 200),
            SpendRow(group: "A", requests: 3, inputTokens: 35, outputTokens: 20, costMicros: 450, errors: 1, p50Ms: 100, p95Ms: 300),
            SpendRow(group: "(none)", requests: 1, inputTokens: 0, outputTokens: 0, costMicros: 0, errors: 1, p50Ms: nil, p95Ms: nil),
        ])
    }

    func testEveryGroupingNamesItsGroupsInCostOrder() throws {
        let ledger = try fixture()
        func groups(_ by: SpendGrouping) throws -> [String] { try ledger.spend(SpendQuery(by: by)).map(\.group) }
        XCTAssertEqual(try groups(.team), ["blue", "red", "(none)"])
        XCTAssertEqual(try groups(.tag("agent")), ["coder", "triage", "(none)"])
        XCTAssertEqual(try groups(.tag("env")), ["(none)", "prod"])
        XCTAssertEqual(try groups(.model), ["m1", "m2", "m3", "x"])
        XCTAssertEqual(try groups(.router), ["(none)", "auto"])
        XCTAssertEqual(try groups(.provider), ["openai", "anthropic", "(none)"])
    }

    func testTagGroupsAddUpToEveryRow() throws {
        let rows = try fixture().spend(SpendQuery(by: .tag("agent")))
        XCTAssertEqual(rows.reduce(0) { $0 + $1.requests }, 6)
        XCTAssertEqual(rows.reduce(Int64(0)) { $0 + $1.costMicros }, 950)
        XCTAssertEqual(rows.first { $0.group == "triage" }?.requests, 3)
        XCTAssertEqual(rows.first { $0.group == "(none)" }?.errors, 2)
    }

    func testSinceIsInclusiveAndUntilExclusive() throws {
        let ledger = try fixture()
        let rows = try ledger.spend(SpendQuery(by: .key, since: fixedNow + 1, until: fixedNow + 3))
        XCTAssertEqual(rows.map(\.group), ["B", "A"])
        XCTAssertEqual(rows.map(\.requests), [1, 1])
        let tagged = try ledger.spend(SpendQuery(by: .tag("agent"), since: fixedNow + 5))
        XCTAssertEqual(tagged.map(\.group), ["triage"])
        XCTAssertEqual(try ledger.spend(SpendQuery(by: .team, since: fixedNow + 100)), [])
    }

    func testPercentilesAreNearestRank() throws {
        let ledger = try SQLiteLedger(path: temporaryDatabase(self))
        try ledger.append((1...100).shuffled().map {
            row(Int64($0), key: "k", team: nil, served: "m", router: nil, provider: nil, latency: Double($0))
        })
        let only = try ledger.spend(SpendQuery(by: .key)).first
        XCTAssertEqual(only?.p50Ms, 50)
        XCTAssertEqual(only?.p95Ms, 95)
        XCTAssertEqual(SpendAccumulator.percentile([7], 0.95), 7)
        XCTAssertNil(SpendAccumulator.percentile([], 0.5))
    }

    func testGroupingsParseAndPrint() throws {
        for text in ["key", "team", "tag:agent", "model", "router", "provider"] {
            XCTAssertEqual(try SpendGrouping(parsing: text).description, text)
        }
        XCTAssertEqual(try SpendGrouping(parsing: "tag:use_case"), .tag("use_case"))
        for bad in ["tag:", "tags:x", "user", ""] {
            XCTAssertThrowsError(try SpendGrouping(parsing: bad)) { XCTAssertEqual(($0 as? LedgerError)?.code, .invalid) }
        }
    }

    func testJSONAndCSVRendering() throws {
        let rows = [
            SpendRow(group: "a \"b\", c", requests: 2, inputTokens: 30, outputTokens: 15, costMicros: 1_234_567, errors: 1, p50Ms: 12.3456, p95Ms: 200),
            SpendRow(group: "(none)", requests: 1, inputTokens: 0, outputTokens: 0, costMicros: 5, errors: 1, p50Ms: nil, p95Ms: nil),
        ]
        XCTAssertEqual(SpendRendering.json(rows), """
            [{"group":"a \\"b\\", c","requests":2,"input_tokens":30,"output_tokens":15,"cost_usd":1.234567,"errors":1,"p50_ms":12.346,"p95_ms":200},\
            {"group":"(none)","requests":1,"input_tokens":0,"output_tokens":0,"cost_usd":0.000005,"errors":1,"p50_ms":null,"p95_ms":null}]
            """)
        XCTAssertEqual(SpendRendering.csv(rows), """
            group,requests,input_tokens,output_tokens,cost_usd,errors,p50_ms,p95_ms\r
            "a ""b"", c",2,30,15,1.234567,1,12.346,200\r
            (none),1,0,0,0.000005,1,,\r

            """)
        XCTAssertEqual(SpendRendering.json([]), "[]")
        XCTAssertEqual(SpendRendering.usd(-1_500_000), "-1.500000")
    }

    func testReportsReadTheTimeRangeThroughTheTsIndex() throws {
        let ledger = try fixture()
        for grouping in [SpendGrouping.key, .tag("agent")] {
            let plan = try ledger.db.query("EXPLAIN QUERY PLAN " + SpendQuery(by: grouping, since: 0, until: 10).sql) { $0.string(3) }
                .joined(separator: " | ")
            XCTAssertTrue(plan.contains("SEARCH r USING INDEX requests_ts (ts>? AND ts<?)"), plan)
        }
    }
}
