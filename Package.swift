// swift-tools-version:6.0
import PackageDescription

/// Each region module is a target under `Regions/<Name>`, with its bundled snapshot as resources
/// and its tests beside it. Adding a region adds one line here.
let regions = ["Blekinge", "Kalmar", "Vasternorrland"]

let strictness: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

var targets: [Target] = [
    .systemLibrary(
        name: "CLibXML2",
        pkgConfig: "libxml-2.0",
        providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
    ),
    .target(name: "Markup", dependencies: ["CLibXML2"], swiftSettings: strictness),
    .target(
        name: "Documents",
        dependencies: ["Markup", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
        swiftSettings: strictness
    ),
    .target(name: "StrategyModel", swiftSettings: strictness),
    .target(name: "RegionSupport", dependencies: ["StrategyModel", "Documents"], swiftSettings: strictness),
    // The conformance kit a region author runs in their tests (also from outside this package).
    .target(name: "RegionModuleTesting", dependencies: ["RegionSupport", "StrategyModel"], swiftSettings: strictness),
    .target(
        name: "Comparison",
        dependencies: ["StrategyModel"],
        resources: [.copy("Codebooks")],
        swiftSettings: strictness
    ),
    .target(name: "Reports", dependencies: ["StrategyModel", "Comparison"], swiftSettings: strictness),
    // The only networking code: live fetching into a local snapshot cache (URLSession; see
    // URLSessionTransport for why not AsyncHTTPClient).
    .target(name: "Fetching", dependencies: ["RegionSupport", "Documents"], swiftSettings: strictness),
    .target(
        name: "RegionalStrategies",
        dependencies: ["StrategyModel", "Documents", "RegionSupport", "Comparison", "Reports", "Fetching"]
            + regions.map { .target(name: $0) },
        swiftSettings: strictness
    ),
    .executableTarget(
        name: "rus",
        dependencies: [
            "RegionalStrategies",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ],
        swiftSettings: strictness
    ),
    .executableTarget(
        name: "rus-bench",
        dependencies: ["Markup", "Documents", "HostileCorpus"],
        path: "Benchmarks/rus-bench",
        swiftSettings: strictness
    ),
    .executableTarget(
        name: "CompareTwoRegions",
        dependencies: ["RegionalStrategies"],
        path: "Examples/CompareTwoRegions",
        swiftSettings: strictness
    ),
    .testTarget(name: "MarkupTests", dependencies: ["Markup"], swiftSettings: strictness),
    // Hostile inputs made at run time (entity bombs, XXE, deep nesting, zip bombs, …) and how each
    // reader fares with them: replayed by the tests, timed by `rus-bench hostile`.
    .target(name: "HostileCorpus", dependencies: ["Documents"], path: "Benchmarks/HostileCorpus", swiftSettings: strictness),
    // Fixtures/ (the fuzz regressions) is read in place through #filePath, not bundled.
    .testTarget(name: "DocumentsTests", dependencies: ["Documents", "HostileCorpus"], exclude: ["Fixtures"], swiftSettings: strictness),
    .testTarget(name: "StrategyModelTests", dependencies: ["StrategyModel"], swiftSettings: strictness),
    .testTarget(name: "RegionSupportTests", dependencies: ["RegionSupport"], swiftSettings: strictness),
    // A fetch run in a child process, for the test that kills one mid-write.
    .executableTarget(name: "fetch-probe", dependencies: ["Fetching"], path: "Tests/FetchProbe", swiftSettings: strictness),
    // Tests against a real HTTP server on 127.0.0.1 (FlyingFox) that injects faults.
    .testTarget(
        name: "FetchingTests",
        dependencies: ["Fetching", "fetch-probe", "HostileCorpus", .product(name: "FlyingFox", package: "FlyingFox")],
        swiftSettings: strictness
    ),
    .testTarget(name: "RegionModuleTestingTests", dependencies: ["RegionModuleTesting", "RegionSupport"], swiftSettings: strictness),
    // A JSON Schema (draft 2020-12 subset) validator that the report and profile tests share.
    .target(name: "JSONSchemaSupport", path: "Tests/JSONSchemaSupport", swiftSettings: strictness),
    .testTarget(
        name: "ComparisonTests",
        dependencies: ["Comparison", "Reports", "Markup", "Documents", "JSONSchemaSupport"],
        swiftSettings: strictness
    ),
    .testTarget(
        name: "RegionalStrategiesTests",
        dependencies: ["RegionalStrategies", "RegionModuleTesting", "Markup", "JSONSchemaSupport"],
        swiftSettings: strictness
    ),
    .testTarget(
        name: "rusTests",
        dependencies: ["rus", "CompareTwoRegions", "StrategyModel", "RegionalStrategies"],
        swiftSettings: strictness
    ),
]

for name in regions {
    targets.append(.target(
        name: name,
        dependencies: ["RegionSupport"],
        path: "Regions/\(name)/Sources",
        resources: [.copy("Snapshot")],
        swiftSettings: strictness
    ))
    targets.append(.testTarget(
        name: "\(name)Tests",
        dependencies: [.target(name: name), "RegionSupport", "RegionModuleTesting"],
        path: "Regions/\(name)/Tests",
        resources: [.copy("Fixtures")],
        swiftSettings: strictness
    ))
}

let package = Package(
    name: "swift-regional-strategies",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "RegionalStrategies", targets: ["RegionalStrategies"]),
        .library(name: "StrategyModel", targets: ["StrategyModel"]),
        .library(name: "RegionSupport", targets: ["RegionSupport"]),
        .library(name: "Fetching", targets: ["Fetching"]),
        .library(name: "RegionModuleTesting", targets: ["RegionModuleTesting"]),
        // The readers and the libxml2 wrapper on their own, for the fuzz targets in Fuzz/.
        .library(name: "Documents", targets: ["Documents", "Markup"]),
        .executable(name: "rus", targets: ["rus"]),
    ] + regions.map { .library(name: $0, targets: [$0]) },
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
        // Test-only: the HTTP server the fetching tests run on loopback. Chosen over Hummingbird
        // and SwiftNIO because it builds in seconds (no NIO) and lets a handler misbehave.
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.0"),
        // `swift package generate-documentation` (Scripts/docs.sh); a plugin, linked into nothing.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.4.0"),
    ],
    targets: targets,
    swiftLanguageModes: [.v6]
)
