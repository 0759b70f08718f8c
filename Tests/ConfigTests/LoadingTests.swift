import Config
import Foundation
import XCTest

final class LoadingTests: XCTestCase {
    static let fullFile = """
        listen: 0.0.0.0:9090
        data_dir: /var/lib/switchyard
        log_level: debug
        server:
          max_header_bytes: 16384
          max_header_count: 50
          max_body_bytes: 1_048_576
          header_timeout_ms: 5000
          idle_timeout_ms: 30000
          upstream_idle_connections: 64
        timeouts:
          connect_ms: 2000
          first_byte_ms: 20000
          idle_ms: 15000
          total_ms: 120000
        providers:
          - name: openai
            type: openai
            api_keys: ["${OPENAI_API_KEY}", sk-second-key-0000]
            headers: {X-Extra: value}
            timeouts: {first_byte_ms: 30000}
          - name: claude
            type: anthropic
            api_key: ${ANTHROPIC_API_KEY}
          - name: google
            type: gemini
          - name: local
            type: openai-compatible
            base_url: http://127.0.0.1:11434/v1/
        models:
          - name: gpt-4o-mini
            provider: openai
            aliases: [mini, small]
          - name: sonnet
            provider: claude
            upstream_model: claude-sonnet-4-5
          - name: flash
            provider: google
            upstream_model: gemini-2.5-flash
          - name: llama
            provider: local
        """

    static let environment = ["OPENAI_API_KEY": "sk-openai-test-key-1234", "ANTHROPIC_API_KEY": "sk-ant-test-key-5678"]

    func testFullFile() throws {
        let config = try Fixture.parse(Self.fullFile, environment: Self.environment)
        XCTAssertEqual(config.listen, ListenAddress(host: "0.0.0.0", port: 9090))
        XCTAssertEqual(config.dataDir, "/var/lib/switchyard")
        XCTAssertEqual(config.logLevel, .debug)
        XCTAssertEqual(config.server, ServerLimits(maxHeaderBytes: 16384, maxHeaderCount: 50, maxBodyBytes: 1_048_576,
                                                   headerTimeoutMs: 5000, idleTimeoutMs: 30000,
                                                   upstreamIdleConnections: 64))
        XCTAssertEqual(config.timeouts, UpstreamTimeouts(connectMs: 2000, firstByteMs: 20000, idleMs: 15000, totalMs: 120_000))

        XCTAssertEqual(config.providers.map(\.name), ["openai", "claude", "google", "local"])
        XCTAssertEqual(config.providers.map(\.type), [.openAI, .anthropic, .gemini, .openAICompatible])
        XCTAssertEqual(config.providers.map(\.baseURL), [
            "https://api.openai.com/v1", "https://api.anthropic.com",
            "https://generativelanguage.googleapis.com", "http://127.0.0.1:11434/v1",
        ])
        let openai = try XCTUnwrap(config.provider(named: "openai"))
        XCTAssertEqual(openai.apiKeys.map(\.secret), ["sk-openai-test-key-1234", "sk-second-key-0000"])
        XCTAssertEqual(openai.headers, ["X-Extra": "value"])
        XCTAssertEqual(openai.timeouts, UpstreamTimeouts(connectMs: 2000, firstByteMs: 30000, idleMs: 15000, totalMs: 120_000))
        XCTAssertEqual(config.provider(named: "claude")?.apiKeys, [APIKey("sk-ant-test-key-5678")])
        XCTAssertEqual(config.provider(named: "claude")?.timeouts, config.timeouts)
        XCTAssertEqual(config.provider(named: "google")?.apiKeys, [])

        XCTAssertEqual(config.models.map(\.name), ["gpt-4o-mini", "sonnet", "flash", "llama"])
        XCTAssertEqual(config.models.map(\.upstreamModel), ["gpt-4o-mini", "claude-sonnet-4-5", "gemini-2.5-flash", "llama"])
        XCTAssertEqual(config.models[0].aliases, ["mini", "small"])
    }

    func testLookupsResolveAliases() throws {
        let config = try Fixture.parse(Self.fullFile, environment: Self.environment)
        XCTAssertEqual(config.model(named: "mini")?.name, "gpt-4o-mini")
        XCTAssertEqual(config.model(named: "small")?.name, "gpt-4o-mini")
        XCTAssertEqual(config.model(named: "sonnet")?.upstreamModel, "claude-sonnet-4-5")
        XCTAssertNil(config.model(named: "claude-sonnet-4-5"), "upstream ids are not client-facing names")
        XCTAssertNil(config.provider(named: "nope"))
        let model = try XCTUnwrap(config.model(named: "llama"))
        XCTAssertEqual(config.provider(for: model)?.type, .openAICompatible)
    }

    func testEmptyFileGivesDefaults() throws {
        for text in ["", "# only a comment\n", "~"] {
            let config = try Fixture.parse(text)
            XCTAssertEqual(config, GatewayConfig(), "for \(text.debugDescription)")
        }
        let config = GatewayConfig()
        XCTAssertEqual(config.listen.description, "127.0.0.1:8080")
        XCTAssertEqual(config.dataDir, "./switchyard-data")
        XCTAssertEqual(config.logLevel, .info)
        XCTAssertEqual(config.server, .default)
        XCTAssertEqual(config.server.maxBodyBytes, 33_554_432)
        XCTAssertEqual(config.timeouts, UpstreamTimeouts(connectMs: 5000, firstByteMs: nil, idleMs: 60000, totalMs: 600_000))
        XCTAssertTrue(config.providers.isEmpty)
        XCTAssertTrue(config.models.isEmpty)
    }

    func testOmittedKeysTakeDefaults() throws {
        let config = try Fixture.parse("""
            server:
              max_body_bytes: 1024
            timeouts:
            providers:
              - {name: p, type: openai}
            models:
              - {name: m, provider: p}
            """)
        XCTAssertEqual(config.server.maxBodyBytes, 1024)
        XCTAssertEqual(config.server.maxHeaderBytes, ServerLimits.default.maxHeaderBytes)
        XCTAssertEqual(config.timeouts, .default)
        XCTAssertEqual(config.providers[0].timeouts, .default)
        XCTAssertEqual(config.models[0].upstreamModel, "m")
        XCTAssertEqual(config.models[0].aliases, [])
    }

    func testListenForms() throws {
        XCTAssertEqual(try Fixture.parse("listen: '[::1]:8080'").listen, ListenAddress(host: "::1", port: 8080))
        XCTAssertEqual(try Fixture.parse("listen: localhost:81").listen, ListenAddress(host: "127.0.0.1", port: 81))
        XCTAssertEqual(try Fixture.parse("listen: 127.0.0.1:0").listen.port, 0)
        XCTAssertEqual(ListenAddress(host: "::1", port: 8080).description, "[::1]:8080")
        XCTAssertEqual(ListenAddress("[fe80::1]:443"), ListenAddress(host: "fe80::1", port: 443))
        XCTAssertNil(ListenAddress("example.com:80"))
    }

    func testLoadReadsFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("config-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("switchyard.yaml").path
        try "listen: 127.0.0.1:${PORT}\nlisten_typo: 1\n".write(toFile: path, atomically: true, encoding: .utf8)

        XCTAssertThrowsError(try ConfigLoader.load(path: path, environment: ["PORT": "9000"])) { error in
            let error = error as? ConfigError
            XCTAssertEqual(error?.file, path)
            XCTAssertEqual(error?.line, 2)
        }
        try "listen: 127.0.0.1:${PORT}\n".write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertEqual(try ConfigLoader.load(path: path, environment: ["PORT": "9000"]).listen.port, 9000)

        XCTAssertThrowsError(try ConfigLoader.load(path: directory.path, environment: [:])) { error in
            XCTAssertEqual((error as? ConfigError)?.code, .fileUnreadable)
            XCTAssertTrue((error as? ConfigError)?.fix.contains("switchyard.yaml") ?? false)
        }
    }

    func testMissingFile() {
        XCTAssertThrowsError(try ConfigLoader.load(path: "/nonexistent/switchyard.yaml", environment: [:])) { error in
            guard let error = error as? ConfigError else { return XCTFail("\(error)") }
            XCTAssertEqual(error.code, .fileNotFound)
            XCTAssertEqual(error.line, 0)
            XCTAssertEqual(
                error.description,
                "/nonexistent/switchyard.yaml: configuration file not found. "
                    + "Fix: check the path, or start without a configuration file to use the embedded default."
            )
        }
    }
}
