// swift-tools-version:6.0
import Foundation
import PackageDescription

// A separate package, so that `swift test` in the root never builds the benchmarks.
// A path dependency's identity is its folder name, whatever the clone is called.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "denyscope-benchmarks",
    dependencies: [.package(path: "..")],
    targets: [
        .executableTarget(
            name: "DenyscopeBenchmarks",
            dependencies: [
                .product(name: "DenyscopeCore", package: root),
                .product(name: "PolicyEngine", package: root),
                .product(name: "ClusterLoader", package: root),
                .product(name: "FlowIngest", package: root),
                .product(name: "Matcher", package: root),
            ]
        )
    ]
)
