// swift-tools-version:6.0
import PackageDescription

/// Module map: see docs/architecture.md. Imports point one way:
/// RTP, SDP ← Dump ← Render → Media → CFFmpeg/COpus; RTP, SDP ← WebRTC ← WebRTCDriver;
/// WebRTC, WebRTCDriver, Dump, JanusProtocol, APIModel ← Rooms; JanusProtocol ← APIModel; APIModel, Render, Rooms ← Jobs ← Server; tessera on top.
/// Telemetry (limit refusal counters, through swift-metrics) ← WebRTCDriver, Rooms, Jobs, Server; Signing (HMAC, digests) ← WebRTC, Jobs.
/// Cluster (PostgreSQL: the shared job store, node leases, wake-ups; over postgres-nio) ← Server, tessera.
/// Outbound (HTTP to servers others name) ← Rooms, Jobs; ObjectStorage (S3: SigV4, uploads, over async-http-client) ← Jobs, Server, tessera.
let package = Package(
    name: "tessera",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "tessera", targets: ["tessera"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", from: "2.8.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.5.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.36.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CFFmpeg", pkgConfig: "libavcodec libavformat libavutil libswscale libswresample",
            providers: [.apt(["libavcodec-dev", "libavformat-dev", "libavutil-dev", "libswscale-dev", "libswresample-dev"])]),
        .systemLibrary(name: "COpus", pkgConfig: "opus", providers: [.apt(["libopus-dev"])]),
        .systemLibrary(name: "CSRTP", pkgConfig: "libsrtp2", providers: [.apt(["libsrtp2-dev"])]),
        .systemLibrary(name: "COpenSSL", pkgConfig: "openssl", providers: [.apt(["libssl-dev"])]),

        .target(name: "RTP"),
        .target(name: "Signing", dependencies: ["COpenSSL"]),
        .target(name: "Telemetry", dependencies: [.product(name: "CoreMetrics", package: "swift-metrics")]),
        .target(name: "SDP"),
        .target(name: "Dump", dependencies: ["RTP", "SDP"]),
        .target(name: "Media", dependencies: ["CFFmpeg", "COpus"]),
        .target(name: "Render", dependencies: ["RTP", "Dump", "Media"]),
        .target(name: "WebRTC", dependencies: ["RTP", "SDP", "Signing", "COpenSSL", "CSRTP"]),
        .target(name: "WebRTCDriver", dependencies: [
            "WebRTC", "Telemetry", .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
        ]),
        .target(name: "JanusProtocol"),
        .target(name: "Outbound"),
        .target(name: "ObjectStorage", dependencies: [
            "Signing", .product(name: "AsyncHTTPClient", package: "async-http-client"), .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"), .product(name: "NIOFoundationCompat", package: "swift-nio"),
        ]),
        .target(name: "Rooms", dependencies: [
            "WebRTC", "WebRTCDriver", "Dump", "SDP", "RTP", "JanusProtocol", "APIModel", "Telemetry", "Outbound",
            .product(name: "NIOCore", package: "swift-nio"), .product(name: "Logging", package: "swift-log"),
            .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"), .product(name: "HTTPTypes", package: "swift-http-types"),
        ]),
        .target(name: "APIModel", dependencies: ["JanusProtocol"]),
        .target(name: "Jobs", dependencies: [
            "APIModel", "Render", "Rooms", "JanusProtocol", "Media", "Signing", "Telemetry", "Outbound", "ObjectStorage", .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Logging", package: "swift-log"), .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "CoreMetrics", package: "swift-metrics"),
        ]),
        .target(name: "Cluster", dependencies: [
            "Jobs", .product(name: "PostgresNIO", package: "postgres-nio"), .product(name: "Logging", package: "swift-log"),
            .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
        ]),
        .target(name: "Server", dependencies: [
            "APIModel", "Jobs", "Cluster", "Rooms", "WebRTC", "WebRTCDriver", "SDP", "Dump", "Telemetry", "ObjectStorage", .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "Hummingbird", package: "hummingbird"), .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"), .product(name: "Logging", package: "swift-log"),
        ]),
        .executableTarget(
            name: "tessera",
            dependencies: [
                "RTP", "SDP", "Dump", "Media", "Render", "WebRTC", "WebRTCDriver", "Rooms", "APIModel", "Jobs", "Server", "ObjectStorage", "Cluster",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"), .product(name: "Logging", package: "swift-log"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
            ]),

        .testTarget(name: "RTPTests", dependencies: ["RTP"]),
        .testTarget(name: "SDPTests", dependencies: ["SDP"]),
        .testTarget(name: "DumpTests", dependencies: ["Dump", "RTP", "SDP"]),
        .testTarget(name: "CInteropTests", dependencies: ["CFFmpeg", "COpus", "CSRTP", "COpenSSL"]),
        .testTarget(name: "MediaTests", dependencies: ["Media"]),
        .testTarget(name: "RenderTests", dependencies: ["Render", "Media", "Dump", "RTP"]),
        .testTarget(name: "WebRTCTests", dependencies: ["WebRTC", "SDP", "RTP", "Signing"]),
        .testTarget(name: "WebRTCDriverTests", dependencies: [
            "WebRTC", "WebRTCDriver", .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
        ]),
        .testTarget(name: "APIModelTests", dependencies: ["APIModel", "JanusProtocol"]),
        .testTarget(name: "JobsTests", dependencies: [
            "Jobs", "APIModel", "Rooms", "Signing", "ObjectStorage", .product(name: "Logging", package: "swift-log"),
        ]),
        .testTarget(name: "RoomsTests", dependencies: ["Rooms", "Outbound", "WebRTC", "Dump", "SDP", "RTP"]),
        .testTarget(name: "JanusProtocolTests", dependencies: ["JanusProtocol"]),
        // A real PostgreSQL for the tests that need one (scripts/pg-server.sh), shared by the test targets.
        .target(name: "PostgresTestSupport", dependencies: ["Cluster"], path: "Tests/Support/PostgresTestSupport"),
        .testTarget(name: "ClusterTests", dependencies: [
            "Cluster", "Jobs", "PostgresTestSupport", .product(name: "Logging", package: "swift-log"),
            .product(name: "PostgresNIO", package: "postgres-nio"),
        ]),
        .testTarget(name: "ObjectStorageTests", dependencies: ["ObjectStorage", "Signing"]),
        .testTarget(name: "tesseraTests", dependencies: [
            "Dump", "RTP", "SDP", "Media", "Render", "Jobs", "APIModel", "Server", "ObjectStorage", "Cluster", "PostgresTestSupport",
            .product(name: "Logging", package: "swift-log"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)
