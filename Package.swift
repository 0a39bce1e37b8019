// swift-tools-version:6.0
import PackageDescription

// Dependencies point toward the pure core (DESIGN.md §1):
// denyscope → Reports → PolicyEngine → DenyscopeCore (stdlib only); ClusterLoader → DenyscopeCore.
let package = Package(
    name: "denyscope",
    products: [
        .executable(name: "denyscope", targets: ["denyscope"]),
        // Libraries for the separate Benchmarks/ package.
        .library(name: "DenyscopeCore", targets: ["DenyscopeCore"]),
        .library(name: "PolicyEngine", targets: ["PolicyEngine"]),
        .library(name: "ClusterLoader", targets: ["ClusterLoader"]),
        .library(name: "Matcher", targets: ["Matcher"]),
        .library(name: "FlowIngest", targets: ["FlowIngest"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        .target(name: "DenyscopeCore"),
        .target(name: "PolicyEngine", dependencies: ["DenyscopeCore"]),
        .target(
            name: "ClusterLoader",
            dependencies: ["DenyscopeCore", .product(name: "Yams", package: "Yams")]
        ),
        .target(name: "Matcher", dependencies: ["DenyscopeCore", "PolicyEngine"]),
        .target(name: "Reports", dependencies: ["DenyscopeCore", "PolicyEngine", "Matcher"]),
        .systemLibrary(name: "CPcap", path: "Sources/CPcap", pkgConfig: "libpcap", providers: [.apt(["libpcap-dev"])]),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CMalloc", path: "Sources/CMalloc"),
        .target(name: "FlowIngest", dependencies: ["DenyscopeCore", "CPcap", "CZlib"]),
        .executableTarget(
            name: "denyscope",
            dependencies: [
                "DenyscopeCore", "PolicyEngine", "ClusterLoader", "Matcher", "Reports", "FlowIngest", "CMalloc",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(name: "DenyscopeTestSupport", path: "Tests/DenyscopeTestSupport"),
        .testTarget(name: "DenyscopeCoreTests", dependencies: ["DenyscopeCore"]),
        .testTarget(name: "PolicyEngineTests", dependencies: ["PolicyEngine", "ClusterLoader", "DenyscopeTestSupport"]),
        .testTarget(
            name: "ClusterLoaderTests",
            dependencies: ["ClusterLoader", "DenyscopeTestSupport", .product(name: "Yams", package: "Yams")]),
        .testTarget(name: "MatcherTests", dependencies: ["Matcher", "ClusterLoader", "FlowIngest", "DenyscopeTestSupport"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "ClusterLoader"]),
        .testTarget(name: "FlowIngestTests", dependencies: ["FlowIngest", "DenyscopeTestSupport"]),
        .testTarget(name: "DenyscopeCLITests", dependencies: ["denyscope", "DenyscopeTestSupport"]),
    ]
)
