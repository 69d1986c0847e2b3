// swift-tools-version:6.2
import PackageDescription

let package = Package(
    name: "Safeguard",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "safeguard", targets: ["safeguard"])
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.17.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        // Already in the graph through Hummingbird; named here because Safeguard imports them itself
        // (the clocks run as a lifecycle service; `bench journey` drives the API over real HTTP).
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        // /metrics in Prometheus's text format: request counts and latencies by route and status, queues, clock lag.
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        // HeapModule: the control-room bench plays each call's later steps in time order.
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.1.0")
    ],
    targets: [
        // Matching is pure Swift with no dependency of its own; the domain asks it who might be whom.
        .target(name: "SafeguardMatching", resources: [.copy("Resources")]),
        .target(name: "SafeguardDomain", dependencies: ["SafeguardMatching"], resources: [.copy("Resources")]),
        // The seeded synthetic force (demo, benches, tests): generated people, households and histories. Never used by a rule.
        .target(name: "SafeguardSynthetic", dependencies: ["SafeguardDomain", "SafeguardMatching"], resources: [.copy("Resources")]),
        .target(
            name: "SafeguardStore",
            dependencies: [
                "SafeguardDomain", "SafeguardMatching", "SafeguardSynthetic",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Logging", package: "swift-log")
            ]
        ),
        .target(
            name: "SafeguardWeb",
            dependencies: [
                "SafeguardDomain", "SafeguardMatching", "SafeguardStore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus")
            ],
            resources: [.copy("Resources")]
        ),
        .executableTarget(
            name: "safeguard",
            dependencies: [
                "SafeguardDomain", "SafeguardStore", "SafeguardWeb", "SafeguardSynthetic",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HeapModule", package: "swift-collections")
            ]
        ),
        .testTarget(name: "SafeguardDomainTests", dependencies: ["SafeguardDomain", "SafeguardMatching", "SafeguardSynthetic", "SafeguardFixtures"]),
        // Complete drafts (an assessment, a scene record) for domain, store and web tests alike; domain only.
        .target(name: "SafeguardFixtures", dependencies: ["SafeguardDomain", "SafeguardSynthetic"], path: "Tests/SafeguardFixtures"),
        .testTarget(name: "SafeguardMatchingTests", dependencies: ["SafeguardMatching"]),
        // Shared by the store and web tests: a fresh database per test, on SQLite and (when configured) PostgreSQL.
        .target(
            name: "SafeguardTestSupport",
            dependencies: ["SafeguardDomain", "SafeguardStore", "SafeguardSynthetic", "SafeguardFixtures", .product(name: "SQLKit", package: "sql-kit")],
            path: "Tests/SafeguardTestSupport"),
        .testTarget(
            name: "SafeguardStoreTests",
            dependencies: ["SafeguardStore", "SafeguardSynthetic", "SafeguardTestSupport", .product(name: "SQLKit", package: "sql-kit")]),
        .testTarget(
            name: "SafeguardWebTests",
            dependencies: [
                "SafeguardWeb", "SafeguardTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird")
            ]
        )
    ],
    swiftLanguageModes: [.v6]
)
