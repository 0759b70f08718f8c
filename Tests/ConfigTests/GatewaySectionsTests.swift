import Config
import XCTest

/// The sections beyond providers and models: routers, fallbacks and deployments, key pools,
/// admin key, ledger and metrics settings.
final class GatewaySectionsTests: XCTestCase {
    let base = """
    providers:
      - name: a
        type: openai
        api_keys: ["sk-aaaaaaaaaaaaaaaa", {key: "sk-bbbbbbbbbbbbbbbb", weight: 3}]
        rpm: 600
        tpm: 90000
        query: {api-version: "2024-10-21"}
      - name: b
        type: anthropic
        api_key: sk-ant-cccccccccccc
    models:
      - name: m
        provider: a
        deployments: [{provider: b, upstream_model: claude-haiku-4-5}]
        fallbacks: [m2]
        timeouts: {first_byte_ms: 1500}
      - name: m2
        provider: b
        aliases: [backup]

    """

    func testFullGatewaySections() throws {
        let config = try Fixture.parse(base + """
        routers:
          - name: support
            weights: {cost: 0.6, quality: 0.2, latency: 0.15, carbon: 0.05}
            min_quality: 0.7
            max_quality_drop: 0.02
            models: [m, backup]
        admin_key: "0123456789abcdef0123"
        ledger: {commit_interval_ms: 50, batch_rows: 10, retention_days: 30, store_bodies: true}
        metrics: {label_by_key: true}
        """)
        let router = try XCTUnwrap(config.routers.first)
        XCTAssertEqual(router.name, "support")
        XCTAssertEqual([router.cost, router.quality, router.latency, router.carbon], [0.6, 0.2, 0.15, 0.05])
        XCTAssertEqual(router.minQuality, 0.7)
        XCTAssertEqual(router.maxQualityDrop, 0.02)
        XCTAssertEqual(router.models, ["m", "backup"])
        XCTAssertEqual(config.adminKey?.secret, "0123456789abcdef0123")
        XCTAssertEqual(config.ledger, LedgerSettings(commitIntervalMs: 50, batchRows: 10, retentionDays: 30, storeBodies: true))
        XCTAssertTrue(config.metrics.labelByKey)
        XCTAssertTrue(config.ledger.enabled, "the ledger is on unless switched off")
        let a = try XCTUnwrap(config.provider(named: "a"))
        XCTAssertEqual(a.apiKeys.map(\.weight), [1, 3])
        XCTAssertEqual([a.rpm, a.tpm], [600, 90000])
        XCTAssertEqual(a.query, ["api-version": "2024-10-21"])
        let m = try XCTUnwrap(config.model(named: "m"))
        XCTAssertEqual(m.deployments, [ModelDeployment(provider: "b", upstreamModel: "claude-haiku-4-5")])
        XCTAssertEqual(m.fallbacks, ["m2"])
        XCTAssertEqual(m.timeouts?.firstByteMs, 1500)
        XCTAssertEqual(m.timeouts?.connectMs, UpstreamTimeouts.default.connectMs)
    }

    func testDefaultsWhenSectionsAreAbsent() throws {
        let config = try Fixture.parse(base)
        XCTAssertTrue(config.routers.isEmpty)
        XCTAssertNil(config.adminKey)
        XCTAssertEqual(config.ledger, .default)
        XCTAssertFalse(config.metrics.labelByKey)
    }

    func testLedgerCanBeSwitchedOff() throws {
        let config = try Fixture.parse(base + "ledger: {enabled: false}\n")
        XCTAssertFalse(config.ledger.enabled)
        XCTAssertEqual(config.ledger.commitIntervalMs, LedgerSettings.default.commitIntervalMs)
    }

    func testRouterNameClashesWithModelAliasOrPreset() {
        assertConfigError(base + "routers:\n  - name: backup\n    weights: {cost: 1}\n",
                          code: .duplicateName, line: 21, column: 11, message: "alias of model 'm2'", fix: "give the router a name")
        assertConfigError(base + "routers:\n  - name: auto\n    weights: {cost: 1}\n",
                          code: .duplicateName, line: 21, column: 11, message: "built-in router", fix: "preset")
    }

    func testStreamKeepaliveDefaultsTo15SecondsAndMustBePositive() throws {
        XCTAssertEqual(try Fixture.parse(base).server.streamKeepaliveMs, 15_000)
        XCTAssertEqual(try Fixture.parse(base + "server: {stream_keepalive_ms: 250}\n").server.streamKeepaliveMs, 250)
        XCTAssertEqual(Fixture.error(base + "server: {stream_keepalive_ms: 0}\n")?.code, .outOfRange)
    }

    func testUpstreamClientIsNativeUnlessCurlIsAsked() throws {
        XCTAssertTrue(try Fixture.parse(base).server.nativeUpstreamHTTP)
        XCTAssertTrue(try Fixture.parse(base + "server: {upstream_client: native}\n").server.nativeUpstreamHTTP)
        XCTAssertFalse(try Fixture.parse(base + "server: {upstream_client: curl}\n").server.nativeUpstreamHTTP)
        assertConfigError(base + "server:\n  upstream_client: libcurl\n", code: .invalidValue, line: 21, column: 20,
                          message: "known: native, curl", fix: "upstream_client: curl")
    }

    func testCORSOriginsAreExactOriginsOrAStar() throws {
        XCTAssertEqual(try Fixture.parse(base).server.corsAllowOrigins, [], "no CORS unless asked")
        let config = try Fixture.parse(base + "server: {cors_allow_origins: [\"https://app.example.com\", \"http://localhost:3000\", \"*\"]}\n")
        XCTAssertEqual(config.server.corsAllowOrigins, ["https://app.example.com", "http://localhost:3000", "*"])
        for bad in ["app.example.com", "https://app.example.com/", "https://", "ftp://x"] {
            assertConfigError(base + "server:\n  cors_allow_origins: [\"\(bad)\"]\n",
                              code: .invalidValue, line: 21, column: 24, message: "is not an origin", fix: "https://app.example.com")
        }
    }

    func testModelOrAliasNamedLikeAPresetIsAClash() {
        assertConfigError("providers: [{name: a, type: openai}]\nmodels:\n  - name: fast\n    provider: a\n",
                          code: .duplicateName, line: 3, column: 11, message: "built-in router", fix: "rename")
        assertConfigError("providers: [{name: a, type: openai}]\nmodels:\n  - name: m\n    provider: a\n    aliases: [auto]\n",
                          code: .aliasClash, line: 5, column: 15, message: "built-in router", fix: "rename")
    }

    func testRouterWeightsAndModelsAreChecked() {
        assertConfigError(base + "routers:\n  - name: r\n    weights: {cost: 0}\n",
                          code: .invalidValue, line: 21, column: 11, message: "no weight", fix: "at least one weight")
        assertConfigError(base + "routers:\n  - name: r\n    weights: {cost: 1.5}\n",
                          code: .outOfRange, line: 22, column: 21, message: "between 0 and 1", fix: "cost: 0.6")
        assertConfigError(base + "routers:\n  - name: r\n    weights: {cost: 1}\n    models: [nope]\n",
                          code: .unknownProvider, line: 23, column: 14, message: "'nope'", fix: "m, m2")
    }

    func testFallbacksAndDeploymentsMustExist() {
        assertConfigError(base.replacingOccurrences(of: "fallbacks: [m2]", with: "fallbacks: [m3]"),
                          code: .unknownProvider, line: 15, column: 17, message: "'m3'", fix: "m2")
        assertConfigError(base.replacingOccurrences(of: "deployments: [{provider: b,", with: "deployments: [{provider: c,"),
                          code: .unknownProvider, line: 14, column: 30, message: "provider 'c'", fix: "a, b")
    }

    func testShortAdminKeyIsRefused() {
        assertConfigError(base + "admin_key: short\n", code: .invalidValue, line: 20, column: 12,
                          message: "shorter than 16", fix: "SWITCHYARD_ADMIN_KEY")
    }
}
