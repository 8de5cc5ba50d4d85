// swift-tools-version:6.0
// A region module written outside swift-regional-strategies, against its public products only:
// a fictional region (Norrskär, an EXAMPLE), compared with the three bundled regions and checked
// with the conformance kit. Build and test: swift test --package-path Examples/outside-region
import PackageDescription

let package = Package(
    name: "outside-region",
    platforms: [.macOS(.v13)],
    dependencies: [
        // `name:` keeps the product references below independent of the folder the clone is in.
        .package(name: "swift-regional-strategies", path: "../.."),
    ],
    targets: [
        .target(
            name: "Norrskar",
            dependencies: [.product(name: "RegionalStrategies", package: "swift-regional-strategies")],
            resources: [.copy("Snapshot")]
        ),
        .executableTarget(
            name: "CompareWithNorrskar",
            dependencies: ["Norrskar", .product(name: "RegionalStrategies", package: "swift-regional-strategies")]
        ),
        .testTarget(
            name: "NorrskarTests",
            dependencies: [
                "Norrskar",
                .product(name: "RegionalStrategies", package: "swift-regional-strategies"),
                .product(name: "RegionModuleTesting", package: "swift-regional-strategies"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
