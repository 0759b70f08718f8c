// swift-tools-version: 6.1
import PackageDescription

// Switchyard's benchmarks: a load generator built on the project's own loop (`sy-load`) and
// the gateway with a ledger flood (`sy-gateway`), micro-benchmarks of the hot path (ordo-one/benchmark, `swift package benchmark`).
// Driven by `bench/run.sh`; see bench/README.md.
let package = Package(
    name: "switchyard-bench",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "switchyard", path: ".."),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "sy-load",
            dependencies: [.product(name: "SwitchyardCore", package: "switchyard")],
            swiftSettings: [.enableUpcomingFeature("NonisolatedNonsendingByDefault")]
        ),
        .executableTarget(
            name: "sy-gateway",
            dependencies: [
                .product(name: "SwitchyardCore", package: "switchyard"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "Hotpath",
            dependencies: [
                .product(name: "SwitchyardCore", package: "switchyard"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/Hotpath",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
