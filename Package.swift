// swift-tools-version: 6.1
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("NonisolatedNonsendingByDefault"),
    // Release builds drop the run-time exclusivity checks (debug builds and tests keep them):
    // on the streaming path they cost about 1,200 instructions per relayed chunk, a sixth of
    // the gateway's own share, in bookkeeping of class-property accesses that are all on the
    // loop thread (callgrind, bench/README.md).
    .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release)),
]

let package = Package(
    name: "switchyard",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "switchyard", targets: ["switchyard"]),
        .library(name: "SwitchyardCore", targets: ["Loop", "HTTP1", "HTTP", "Wire", "Config", "Routing", "Limits", "Reliability", "Ledger", "Gateway", "Sim"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        .target(
            name: "CLibUV",
            path: "CLibUV",
            linkerSettings: [.linkedLibrary("uv"), .linkedLibrary("curl")]
        ),
        .target(name: "Loop", dependencies: ["CLibUV"], swiftSettings: strict),
        .target(name: "Wire", swiftSettings: strict),
        .target(name: "HTTP1", swiftSettings: strict),
        .target(
            name: "Config",
            dependencies: [.product(name: "Yams", package: "Yams")],
            swiftSettings: strict
        ),
        .target(name: "HTTP", dependencies: ["Loop", "HTTP1", "CLibUV"], swiftSettings: strict),
        .target(name: "Routing", dependencies: ["Wire"], swiftSettings: strict),
        .target(name: "Eval", dependencies: ["Routing", "Wire"], swiftSettings: strict),
        .target(name: "Limits", swiftSettings: strict),
        .target(name: "Reliability", dependencies: ["Wire"], swiftSettings: strict),
        .target(name: "CSQLite", path: "Sources/CSQLite", linkerSettings: [.linkedLibrary("sqlite3")]),
        .target(
            name: "Ledger",
            dependencies: ["CSQLite", "CLibUV", "Loop", "Wire", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strict
        ),
        .target(
            name: "Gateway",
            dependencies: [
                "Loop", "HTTP", "HTTP1", "Wire", "Config", "Routing", "Limits", "Reliability", "Ledger",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .target(name: "Sim", dependencies: ["Loop", "HTTP", "HTTP1", "Wire"], swiftSettings: strict),
        .executableTarget(
            name: "switchyard",
            dependencies: [
                "Gateway", "Sim", "Loop", "Config", "Routing", "Eval", "Ledger",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .testTarget(name: "LoopTests", dependencies: ["Loop"], swiftSettings: strict),
        .testTarget(name: "WireTests", dependencies: ["Wire"], swiftSettings: strict),
        .testTarget(name: "HTTP1Tests", dependencies: ["HTTP1"], swiftSettings: strict),
        .testTarget(name: "ConfigTests", dependencies: ["Config"], swiftSettings: strict),
        .testTarget(name: "ReliabilityTests", dependencies: ["Reliability", "Wire"], swiftSettings: strict),
        .testTarget(name: "LimitsTests", dependencies: ["Limits"], swiftSettings: strict),
        .testTarget(name: "LedgerTests", dependencies: ["Ledger", "Loop"], swiftSettings: strict),
        .testTarget(name: "RoutingTests", dependencies: ["Routing", "Wire"], swiftSettings: strict),
        .testTarget(name: "EvalTests", dependencies: ["Eval", "Routing", "Wire"], swiftSettings: strict),
        .testTarget(name: "HTTPTests", dependencies: ["HTTP", "HTTP1", "Loop"], swiftSettings: strict),
        .testTarget(name: "SimTests", dependencies: ["Sim", "HTTP", "Loop", "Wire"], swiftSettings: strict),
        .testTarget(name: "GatewayTests", dependencies: ["Gateway", "Sim", "HTTP", "HTTP1", "Loop", "Wire", "Config", .product(name: "Logging", package: "swift-log")], swiftSettings: strict),
    ]
)
